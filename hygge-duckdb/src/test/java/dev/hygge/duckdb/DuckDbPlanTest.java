package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Flow;
import dev.hygge.FlowPlan;
import dev.hygge.FlowResult;
import dev.hygge.FlowStatus;
import dev.hygge.Hygge;
import dev.hygge.jdbc.TablePlan;
import dev.hygge.spi.WritePlan;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Hygge#plan(Flow)} into DuckDB: the plan shows the DDL from the Home's sample, changes
 * nothing in the database (no table, no staging table, no lock left), and is what the write that
 * follows does.
 */
class DuckDbPlanTest {
    private static final String COLUMNS = "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
            + " WHERE table_name = 't' ORDER BY ordinal_position";
    private static final String TABLES = "SELECT table_schema || '.' || table_name FROM information_schema.tables"
            + " ORDER BY 1";
    /** Columns the benchmark rows lack, so that an append adds them all but {@code id} and {@code name}. */
    private static final String NARROW = "CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR, legacy INTEGER)";

    @TempDir
    Path dir;

    private static Map<String, Object> options(Path file, String ifExists) {
        Map<String, Object> options = new HashMap<>();
        options.put("path", file.toString());
        options.put("table", "t");
        options.put("if_exists", ifExists);
        options.put("schema_inference", Map.of("sample_rows", 200));
        return options;
    }

    private static Flow flow(Map<String, Object> options) {
        // a short lock wait: a lock the plan left held would fail the write that follows
        return Flow.builder("orders").from(GeneratedHome.builder(TestBatches.benchmark()).rows(1_000).batchSize(100).build())
                .to("duckdb", options).lockTimeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void thePlanShowsTheDdlAndLeavesTheDatabaseAsItWas() {
        Path file = dir.resolve("plan.duckdb");
        DuckDb.execute(file, "CREATE TABLE other (x INTEGER)", "INSERT INTO other VALUES (1)");
        List<List<Object>> before = DuckDb.query(file, TABLES);
        FlowPlan plan;
        try (Hygge hygge = DuckDb.runtime()) {
            plan = hygge.plan(flow(options(file, "append")));
            assertThat(hygge.context().allocator().getAllocatedMemory()).as("Arrow memory held after the plan").isZero();
        }

        assertThat(plan.label()).isEqualTo("orders");
        assertThat(plan.home()).isEqualTo("generated(1000 rows)");
        assertThat(plan.splits()).isEqualTo(1);
        assertThat(plan.store()).isEqualTo("duckdb " + file + " table t");
        assertThat(plan.schema()).isEqualTo(TestBatches.benchmark().schema());
        assertThat(plan.note()).isEmpty();
        WritePlan write = plan.write().orElseThrow();
        assertThat(write.statements()).containsExactly("CREATE TABLE \"main\".\"t\" (\"id\" BIGINT NOT NULL,"
                + " \"quantity\" INTEGER, \"price\" DOUBLE, \"name\" VARCHAR, \"active\" BOOLEAN, \"day\" DATE,"
                + " \"updated_at\" TIMESTAMPTZ, \"amount\" DECIMAL(18,2))");
        assertThat(write).isInstanceOfSatisfying(TablePlan.class, table -> {
            assertThat(table.exists()).isFalse();
            // DuckDB's types follow from these fields alone: the run reads no sample, so neither does its plan
            assertThat(table.inferred().profile().rows()).as("rows sampled").isZero();
        });
        assertThat(plan.describe()).contains("orders:\n  home: generated(1000 rows), 1 split\n  columns: id Int(64, true)",
                "  store: duckdb " + file + " table t (nothing written), the write would be:\n",
                "    table main.t (new), if_exists append, write_strategy temp_swap\n",
                "    CREATE TABLE \"main\".\"t\" (");
        assertThat(DuckDb.query(file, TABLES)).isEqualTo(before);
        assertThat(DuckDb.stagingTables(file)).isZero();
        assertThat(DuckDb.count(file, "other")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}, if_exists {1}")
    @CsvSource({"new table, append", "narrower table, append", "narrower table, replace", "narrower table, truncate"})
    void aWriteThatFollowsDoesWhatThePlanSaid(String start, String ifExists) {
        Path file = dir.resolve("written.duckdb");
        Path planned = dir.resolve("planned.duckdb");
        boolean narrower = start.equals("narrower table");
        DuckDb.execute(file, narrower ? NARROW : "SELECT 1");
        Flow flow = flow(options(file, ifExists));
        try (Hygge hygge = DuckDb.runtime()) {
            TablePlan plan = (TablePlan) hygge.plan(flow).write().orElseThrow();
            assertThat(plan.exists()).isEqualTo(narrower);
            FlowResult result = hygge.run(flow);
            assertThat(result.status()).as("%s", result.error()).isEqualTo(FlowStatus.SUCCEEDED);

            // the plan's statements on the table as it was make the table the write made
            List<String> statements = new java.util.ArrayList<>(plan.statements());
            if (narrower && !ifExists.equals("replace")) {
                statements.add(0, NARROW);
            }
            DuckDb.execute(planned, statements.toArray(String[]::new));
            assertThat(DuckDb.query(file, COLUMNS)).isEqualTo(DuckDb.query(planned, COLUMNS));
            assertThat(plan.loadNames()).as("the columns the rows went into")
                    .containsExactlyInAnyOrderElementsOf(DuckDb.query(file, COLUMNS).stream().map(r -> (String) r.get(0))
                            .filter(name -> !name.equals("legacy")).toList());
        }
        assertThat(DuckDb.count(file, "t")).isEqualTo(1_000);
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @Test
    void aDatabaseFileThatDoesNotExistIsNotCreated() {
        Path file = dir.resolve("absent.duckdb");
        FlowPlan plan;
        try (Hygge hygge = DuckDb.runtime()) {
            plan = hygge.plan(flow(options(file, "append")));
        }
        assertThat(plan.write()).isEmpty();
        assertThat(plan.store()).isEqualTo("duckdb");
        assertThat(plan.note()).get().asString().contains(file + " does not exist yet");
        assertThat(plan.schema()).isEqualTo(TestBatches.benchmark().schema());
        assertThat(Files.exists(file)).isFalse();
    }
}
