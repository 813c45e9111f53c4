package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowPlan;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV and NDJSON files into a DuckDB table both ways, in-engine ({@code INSERT ... SELECT} of the
 * text Home's relation, asked for by {@code enginePath(true)}: the engine's own choice is the Arrow path,
 * measured faster for text) and through Arrow batches ({@code arrowPath(true)}), over the same inputs:
 * equal tables (the same DDL, every value), the same rows counted, and bad rows failing, skipped
 * and warned about the same.
 */
class TextIntoDuckDbTest {
    /** Every type the CSV sniffer or an override gives, with text that needs quoting, NULL apart from "". */
    static final String CSV_ROWS = "SELECT i::BIGINT AS id, CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'say \"hi\"; ''you'''"
            + " WHEN 3 THEN 'line\nbreak|tab\t' ELSE 'æøå 日本語 😀 ' || i END AS s,"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 1.125 - 500)::DECIMAL(12,3) END AS d,"
            + " TIMESTAMP '2024-01-02 03:04:05.123456' + INTERVAL (i) MICROSECOND * 1000003 AS ts,"
            + " CASE WHEN i % 3 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-06-30 23:59:59.999999+00' - INTERVAL (i) SECOND END AS tz,"
            + " DATE '2020-02-29' + (i % 400)::INT AS day, make_time(i % 24, i % 60, (i % 60)::DOUBLE + 0.25) AS tod,"
            + " i % 2 = 0 AS flag, (i / 3.0)::DOUBLE AS ratio, ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS uid,"
            + " (i * 12345678901)::HUGEINT AS big";

    /** Nested values too, as NDJSON holds them. */
    static final String JSON_ROWS = "SELECT i::BIGINT AS id, CASE WHEN i % 4 = 0 THEN NULL ELSE 'v ' || i END AS s,"
            + " (i / 8.0)::DOUBLE AS x, DATE '2021-01-01' + (i % 100)::INT AS day, i % 3 = 0 AS flag,"
            + " CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1] END AS l, {'a': i, 'b': 'w' || i} AS st";

    @TempDir
    Path dir;

    private static Hygge runtime() {
        return Hygge.builder().plugins(Plugins.builder().home(new ParquetHomeFactory()).store(new DuckDbStoreFactory()).build())
                .progressInterval(null).build();
    }

    private Path csvFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("csv"));
        EnginePathTest.query("COPY (" + CSV_ROWS + " FROM range(0, 3000) t(i)) TO '" + folder.resolve("a.csv")
                + "' (FORMAT csv, DELIMITER ';', NULLSTR 'NA')", "COPY (" + CSV_ROWS + " FROM range(3000, 4500) t(i)) TO '"
                + folder.resolve("b.csv.gz") + "' (FORMAT csv, DELIMITER ';', NULLSTR 'NA', COMPRESSION gzip)", "SELECT 1");
        return folder;
    }

    private Path jsonFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("json"));
        EnginePathTest.query("COPY (" + JSON_ROWS + " FROM range(0, 2500) t(i)) TO '" + folder.resolve("a.ndjson") + "' (FORMAT json)",
                "COPY (" + JSON_ROWS + " FROM range(2500, 4000) t(i)) TO '" + folder.resolve("b.ndjson") + "' (FORMAT json)", "SELECT 1");
        return folder;
    }

    /** Loads {@code home} into table t of {@code engine.duckdb} in-engine and of {@code arrow.duckdb} as Arrow batches. */
    private List<FlowResult> bothWays(Map<String, Object> home, int parallelism) {
        Path engine = dir.resolve("engine.duckdb");
        Path arrow = dir.resolve("arrow.duckdb");
        DuckDb.execute(engine, "SELECT 1");           // a plan plans into a database that exists
        try (Hygge hygge = runtime()) {
            FlowPlan chosen = hygge.plan(hygge.flow("t").from("parquet", home)
                    .to("duckdb", Map.of("path", engine.toString(), "table", "t")).parallelism(parallelism).build());
            assertThat(chosen.path()).as("the engine's own choice").hasValueSatisfying(p -> assertThat(p)
                    .startsWith("arrow batches: the Home's reads are the copy's cost"));
            FlowPlan plan = hygge.plan(hygge.flow("t").from("parquet", home)
                    .to("duckdb", Map.of("path", engine.toString(), "table", "t")).parallelism(parallelism).enginePath(true).build());
            assertThat(plan.path()).hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
            FlowResult inEngine = hygge.flow("t").from("parquet", home).to("duckdb", Map.of("path", engine.toString(), "table", "t"))
                    .parallelism(parallelism).enginePath(true).run();
            FlowResult batches = hygge.flow("t").from("parquet", home).to("duckdb", Map.of("path", arrow.toString(), "table", "t"))
                    .parallelism(parallelism).arrowPath(true).run();
            assertThat(inEngine.rowsWritten()).isEqualTo(batches.rowsWritten()).isEqualTo(inEngine.rowsRead())
                    .isEqualTo(batches.rowsRead());
            assertThat(inEngine.warnings()).isEqualTo(batches.warnings());
            return List.of(inEngine, batches);
        }
    }

    private void assertEqualTables() {
        List<String> attach = List.of("SET TimeZone = 'UTC'", "ATTACH '" + dir.resolve("engine.duckdb") + "' AS e (READ_ONLY)",
                "ATTACH '" + dir.resolve("arrow.duckdb") + "' AS a (READ_ONLY)");
        for (String[] pair : List.of(new String[] {"e.t", "a.t"}, new String[] {"a.t", "e.t"})) {
            List<String> except = new java.util.ArrayList<>(attach);
            except.add("SELECT count(*) FROM (SELECT * FROM " + pair[0] + " EXCEPT ALL SELECT * FROM " + pair[1] + ")");
            assertThat(EnginePathTest.query(except.toArray(String[]::new))).containsExactly(List.of(0L));
        }
        List<String> ddl = new java.util.ArrayList<>(attach);
        ddl.add("SELECT database_name, column_name, data_type, is_nullable, column_default FROM duckdb_columns()"
                + " WHERE table_name = 't' ORDER BY database_name, column_index");
        List<List<Object>> columns = EnginePathTest.query(ddl.toArray(String[]::new));
        assertThat(columns.stream().filter(c -> c.get(0).equals("e")).map(c -> c.subList(1, c.size())).toList())
                .isEqualTo(columns.stream().filter(c -> c.get(0).equals("a")).map(c -> c.subList(1, c.size())).toList())
                .isNotEmpty();
        assertThat(DuckDb.stagingTables(dir.resolve("engine.duckdb"))).isZero();
    }

    @Test
    void csvIntoDuckDbGivesEqualTablesBothWays() throws IOException {
        Map<String, Object> home = Map.of("path", csvFolder().toString(), "format", "csv", "format_options",
                Map.of("delimiter", ";", "null_strings", List.of("NA"), "types", Map.of("d", "DECIMAL(12,3)", "uid", "UUID", "big", "HUGEINT")));
        assertThat(bothWays(home, 2).get(0).rowsWritten()).isEqualTo(4_500);
        assertEqualTables();
    }

    @Test
    void ndjsonIntoDuckDbGivesEqualTablesBothWays() throws IOException {
        Map<String, Object> home = Map.of("path", jsonFolder().toString(), "format", "ndjson");
        assertThat(bothWays(home, 2).get(0).rowsWritten()).isEqualTo(4_000);
        assertEqualTables();
    }

    @Test
    void badRowsAreSkippedOrFailTheSameBothWays() throws IOException {
        Path in = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(in.resolve("a.csv"), "id,name\n1,a\nthree,c\n4,d\n5\n");
        Map<String, Object> skip = Map.of("path", in.toString(), "format", "csv", "on_bad_row", "skip",
                "format_options", Map.of("types", Map.of("id", "BIGINT")));
        List<FlowResult> results = bothWays(skip, 1);
        assertThat(results.get(0).rowsWritten()).isEqualTo(2);
        assertThat(results.get(0).warnings()).singleElement().satisfies(w -> assertThat(w).contains("2 bad row(s) skipped"));
        assertEqualTables();

        Map<String, Object> fail = Map.of("path", in.toString(), "format", "csv", "format_options", Map.of("types", Map.of("id", "BIGINT")));
        try (Hygge hygge = runtime()) {
            String inEngine = failure(() -> hygge.flow("f").from("parquet", fail)
                    .to("duckdb", Map.of("path", dir.resolve("engine.duckdb").toString(), "table", "f")).enginePath(true).run());
            String batches = failure(() -> hygge.flow("f").from("parquet", fail)
                    .to("duckdb", Map.of("path", dir.resolve("arrow.duckdb").toString(), "table", "f")).arrowPath(true).run());
            assertThat(inEngine).isEqualTo(batches).contains("a.csv has 2 bad row(s)");
        }
        assertThat(EnginePathTest.query("ATTACH '" + dir.resolve("engine.duckdb") + "' AS e (READ_ONLY)",
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'e' AND table_name = 'f'")).containsExactly(List.of(0L));
    }

    private static String failure(Runnable run) {
        try {
            run.run();
        } catch (HyggeException e) {
            return e.getMessage();
        }
        throw new AssertionError("the load did not fail");
    }
}
