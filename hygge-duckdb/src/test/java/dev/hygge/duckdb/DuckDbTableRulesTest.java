package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.Hygge;
import dev.hygge.spi.Options;
import dev.hygge.spi.StoreException;
import dev.hygge.jdbc.TablePlan;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema evolution, overrides, dry runs and bad input against real DuckDB. */
class DuckDbTableRulesTest {
    @TempDir
    Path dir;

    private static void write(Map<String, Object> options, int rows) {
        try (Hygge hygge = DuckDb.runtime()) {
            hygge.flow("f").from(GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(25).build())
                    .to("duckdb", options).run();
        }
    }

    private Map<String, Object> options(Path file) {
        Map<String, Object> options = new HashMap<>();
        options.put("path", file.toString());
        options.put("table", "t");
        return options;
    }

    private static List<Object> columns(Path file) {
        return DuckDb.query(file, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_name = 't' ORDER BY ordinal_position").stream().map(r -> r.get(0)).toList();
    }

    @Test
    void appendAddsNewNullableSourceColumns() {
        Path file = dir.resolve("evolve.duckdb");
        DuckDb.execute(file, "CREATE TABLE t (id BIGINT NOT NULL, quantity INTEGER, legacy VARCHAR)",
                "INSERT INTO t VALUES (-1, 7, 'kept')");
        write(options(file), 100);
        assertThat(columns(file)).containsExactly("id BIGINT", "quantity INTEGER", "legacy VARCHAR", "price DOUBLE",
                "name VARCHAR", "active BOOLEAN", "day DATE", "updated_at TIMESTAMP WITH TIME ZONE", "amount DECIMAL(18,2)");
        assertThat(DuckDb.count(file, "t")).isEqualTo(101);
        assertThat(DuckDb.query(file, "SELECT legacy, price, name FROM t WHERE id = -1").get(0))
                .containsExactly("kept", null, null);
        assertThat(DuckDb.count(file, "t WHERE legacy IS NULL")).isEqualTo(100);
    }

    @Test
    void aNotNullColumnTheSourceLacksIsAnErrorAndNothingIsWritten() {
        Path file = dir.resolve("notnull.duckdb");
        DuckDb.execute(file, "CREATE TABLE t (id BIGINT NOT NULL, required VARCHAR NOT NULL)", "INSERT INTO t VALUES (1, 'x')");
        assertThatThrownBy(() -> write(options(file), 10)).isInstanceOf(StoreException.class)
                .hasMessageContaining("NOT NULL column 'required' is missing from the source")
                .hasMessageContaining("table main.t");
        assertThat(columns(file)).containsExactly("id BIGINT", "required VARCHAR");
        assertThat(DuckDb.count(file, "t")).isEqualTo(1);
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @Test
    void incompatibleColumnsUnderAppendAreAnError() {
        Path file = dir.resolve("incompatible.duckdb");
        DuckDb.execute(file, "CREATE TABLE t (id BIGINT NOT NULL, name INTEGER, day BOOLEAN)", "INSERT INTO t VALUES (1, 2, true)");
        assertThatThrownBy(() -> write(options(file), 10)).isInstanceOf(StoreException.class)
                .hasMessageContaining("column 'name' is INTEGER but the source has VARCHAR")
                .hasMessageContaining("column 'day' is BOOLEAN but the source has DATE")
                .hasMessageContaining("if_exists: replace");
        assertThat(columns(file)).containsExactly("id BIGINT", "name INTEGER", "day BOOLEAN");
        assertThat(DuckDb.count(file, "t")).isEqualTo(1);
    }

    @Test
    void overridesDecideTheColumnTypes() {
        Path file = dir.resolve("override.duckdb");
        Map<String, Object> options = options(file);
        options.put("schema_overrides", Map.of("quantity", "BIGINT", "amount", "DECIMAL(20,4)", "id", "HUGEINT NOT NULL"));
        write(options, 100);
        assertThat(columns(file)).contains("quantity BIGINT", "amount DECIMAL(20,4)", "id HUGEINT");
        assertThat(DuckDb.count(file, "t")).isEqualTo(100);
    }

    @Test
    void badOverridesAreConfigErrorsAndCreateNothing() {
        Path file = dir.resolve("bad.duckdb");
        Map<String, Object> unknownColumn = options(file);
        unknownColumn.put("schema_overrides", Map.of("nmae", "VARCHAR"));
        assertThatThrownBy(() -> write(unknownColumn, 10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema_overrides names column 'nmae'").hasMessageContaining("name");
        Map<String, Object> badType = options(file);
        badType.put("schema_overrides", Map.of("name", "VARCHAR2(10)"));
        assertThatThrownBy(() -> write(badType, 10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema_overrides.name").hasMessageContaining("unknown type 'VARCHAR2'");
        assertThat(DuckDb.count(file, "information_schema.tables")).isZero();
    }

    @Test
    void thePlanIsAvailableWithoutWriting() throws Exception {
        Path file = dir.resolve("plan.duckdb");
        DuckDbStoreOptions options = Options.bind(Map.of("path", file.toString(), "table", "sales.{entity}"),
                DuckDbStoreOptions.class, "test");
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot sample = TestBatches.generate(TestBatches.benchmark(), allocator, 0, 100);
             Hygge hygge = DuckDb.runtime();
             DuckDbStore store = new DuckDbStoreFactory().create(options, hygge.context())) {
            DuckDb.execute(file, "CREATE SCHEMA sales");
            TablePlan plan = store.planWrite(new WriteRequest("f", Optional.of("orders"), sample.getSchema(), 1, List.of(sample), "run1"));
            assertThat(plan.exists()).isFalse();
            assertThat(plan.ddl()).containsExactly("CREATE TABLE \"sales\".\"orders\" (\"id\" BIGINT NOT NULL, \"quantity\" INTEGER,"
                    + " \"price\" DOUBLE, \"name\" VARCHAR, \"active\" BOOLEAN, \"day\" DATE, \"updated_at\" TIMESTAMPTZ,"
                    + " \"amount\" DECIMAL(18,2))");
            assertThat(plan.describe()).contains("table sales.orders (new)").contains("100 row(s) sampled");
        }
        assertThat(DuckDb.count(file, "information_schema.tables WHERE table_name = 'orders'")).isZero();
    }

    @Test
    void aTableCreatedDuringTheWriteIsAppendedTo() throws Exception {
        Path file = dir.resolve("race.duckdb");
        DuckDbStoreOptions options = Options.bind(Map.of("connection", "wh", "table", "t"), DuckDbStoreOptions.class, "test");
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(500).batchSize(100).build();
        try (Hygge hygge = Hygge.builder()
                .plugins(dev.hygge.spi.Plugins.builder().connection(new DuckDbConnectionFactory()).build())
                .connection("wh", "duckdb", Map.of("path", file.toString())).progressInterval(null).build();
             DuckDbStore store = new DuckDbStoreFactory().create(options, hygge.context());
             BufferAllocator allocator = new RootAllocator();
             org.apache.arrow.vector.ipc.ArrowReader reader = home.open(home.splits().get(0), allocator)) {
            dev.hygge.spi.StoreWrite write = store.begin(new WriteRequest("f", Optional.empty(),
                    TestBatches.benchmark().schema(), 1, List.of(), "run"));
            assertThat(write.consume(reader)).isEqualTo(500);
            // another flow creates the table (without 'amount') and commits first
            try (java.sql.Connection c = hygge.context().connection("wh", DuckDbDatabase.class).duplicate();
                 java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id BIGINT NOT NULL, quantity INTEGER, price DOUBLE, name VARCHAR,"
                        + " active BOOLEAN, day DATE, updated_at TIMESTAMPTZ)");
                st.execute("INSERT INTO t (id, name) VALUES (-1, 'first')");
            }
            write.commit();
            write.close();
        }
        assertThat(DuckDb.count(file, "t")).isEqualTo(501);
        assertThat(columns(file)).contains("amount DECIMAL(18,2)");
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @Test
    void aLockedDatabaseFileIsAClearError() throws Exception {
        Path file = dir.resolve("locked.duckdb");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            assertThatThrownBy(() -> write(options(file), 10)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("DuckDB database " + file + " is locked by another process");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
            holder.destroy();
        }
        assertThat(DuckDb.query(file, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 't'").get(0).get(0))
                .isEqualTo(0L);
        assertThat(Files.exists(file)).isTrue();
    }
}
