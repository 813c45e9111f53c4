package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowPlan;
import dev.hygge.FlowResult;
import dev.hygge.FlowStatus;
import dev.hygge.Hygge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV and NDJSON files copied both ways, in-engine (DuckDB copies the text Home's relation, asked for by
 * {@code enginePath(true)}: into files the engine chooses the Arrow path, measured faster) and through
 * Arrow batches ({@code arrowPath(true)}), over the same inputs: into parquet (the same
 * names, parquet types, row groups, every value), into CSV and NDJSON files (the same names and
 * the same bytes: header, quoting, NULLs, compression), with the same rows counted; bad rows fail,
 * are skipped or written out the same on both.
 */
class TextEnginePathTest {
    /** Every type the CSV sniffer or an override gives, with text that needs quoting, NULL apart from "". */
    static final String CSV_ROWS = "SELECT i::BIGINT AS id, CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'say \"hi\"; ''you'''"
            + " WHEN 3 THEN 'line\nbreak|tab\t' ELSE 'æøå 日本語 😀 ' || i END AS s,"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 1.125 - 500)::DECIMAL(12,3) END AS d,"
            + " TIMESTAMP '2024-01-02 03:04:05.123456' + INTERVAL (i) MICROSECOND * 1000003 AS ts,"
            + " CASE WHEN i % 3 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-06-30 23:59:59.999999+00' - INTERVAL (i) SECOND END AS tz,"
            + " DATE '2020-02-29' + (i % 400)::INT AS day, make_time(i % 24, i % 60, (i % 60)::DOUBLE + 0.25) AS tod,"
            + " i % 2 = 0 AS flag, (i / 3.0)::DOUBLE AS ratio, ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS uid";

    /** Nested values too, as NDJSON holds them. */
    static final String JSON_ROWS = "SELECT i::BIGINT AS id, CASE WHEN i % 4 = 0 THEN NULL ELSE 'v ' || i END AS s,"
            + " (i / 8.0)::DOUBLE AS x, DATE '2021-01-01' + (i % 100)::INT AS day, i % 3 = 0 AS flag,"
            + " CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1] END AS l, {'a': i, 'b': 'w' || i} AS st";

    /** The CSV Home's options for {@link #csvFolder()}'s files. */
    static final Map<String, Object> CSV_OPTIONS = Map.of("delimiter", ";", "null_strings", List.of("NA"),
            "types", Map.of("d", "DECIMAL(12,3)", "uid", "UUID"));

    @TempDir
    Path dir;

    /**
     * Three CSV files (one gzipped) of 3,000, 2,000 and 1,500 rows, {@code ;}-separated, NULL as NA;
     * one stream, so both paths put the same rows in the same file (with two, the Arrow streams race for the files).
     */
    Path csvFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        int first = 0;
        for (Object[] file : new Object[][] {{"a.csv", 3_000, ""}, {"b.csv", 2_000, ""}, {"c.csv.gz", 1_500, ", COMPRESSION gzip"}}) {
            int rows = (Integer) file[1];
            DuckDbCheck.execute("COPY (" + CSV_ROWS + " FROM range(" + first + ", " + (first + rows) + ") t(i)) TO "
                    + DuckDb.literal(folder.resolve((String) file[0]).toString()) + " (FORMAT csv, DELIMITER ';', NULLSTR 'NA'"
                    + file[2] + ")");
            first += rows;
        }
        return folder;
    }

    Path jsonFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("json"));
        DuckDbCheck.execute("COPY (" + JSON_ROWS + " FROM range(0, 2500) t(i)) TO " + DuckDb.literal(folder.resolve("a.ndjson").toString())
                + " (FORMAT json)");
        DuckDbCheck.execute("COPY (" + JSON_ROWS + " FROM range(2500, 4000) t(i)) TO " + DuckDb.literal(folder.resolve("b.ndjson").toString())
                + " (FORMAT json)");
        return folder;
    }

    private static FlowResult copy(Hygge hygge, Map<String, Object> home, Path target, Map<String, Object> store, int parallelism,
                                   boolean arrow) {
        Map<String, Object> options = new HashMap<>(store);
        options.put("path", target.toString());
        return hygge.flow("t").from("parquet", home).to("parquet", options).parallelism(parallelism).arrowPath(arrow)
                .enginePath(!arrow).run();
    }

    private static Map<String, Object> csvHome(Path folder) {
        return Map.of("path", folder.toString(), "format", "csv", "format_options", CSV_OPTIONS);
    }

    private static Map<String, Object> jsonHome(Path folder) {
        return Map.of("path", folder.toString(), "format", "ndjson");
    }

    /** Copies both ways and checks both succeeded with the same counts; the in-engine copy went in-engine. */
    private static void bothWays(Map<String, Object> home, Path engine, Path arrow, Map<String, Object> store, int parallelism) {
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            Map<String, Object> options = new HashMap<>(store);
            options.put("path", engine.toString());
            FlowPlan chosen = hygge.plan(hygge.flow("t").from("parquet", home).to("parquet", options).parallelism(parallelism).build());
            assertThat(chosen.path()).as("the engine's own choice into files").hasValueSatisfying(p -> assertThat(p)
                    .startsWith("arrow batches: the Home's reads are the copy's cost"));
            FlowPlan plan = hygge.plan(hygge.flow("t").from("parquet", home).to("parquet", options).parallelism(parallelism)
                    .enginePath(true).build());
            assertThat(plan.path()).hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
            FlowResult inEngine = copy(hygge, home, engine, store, parallelism, false);
            FlowResult batches = copy(hygge, home, arrow, store, parallelism, true);
            assertThat(inEngine.status()).isEqualTo(FlowStatus.SUCCEEDED);
            assertThat(batches.status()).isEqualTo(FlowStatus.SUCCEEDED);
            assertThat(inEngine.rowsWritten()).isEqualTo(batches.rowsWritten()).isEqualTo(inEngine.rowsRead()).isPositive();
            assertThat(inEngine.bytes()).isPositive();
        }
    }

    @Test
    void csvToParquetIsEqualBothWays() throws IOException {
        Path in = csvFolder();
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        bothWays(csvHome(in), engine, arrow, Map.of("row_group_size", 1_024), 1);
        assertThat(EnginePathTest.files(engine)).isEqualTo(EnginePathTest.files(arrow)).hasSize(1);
        EnginePathTest.assertSameRows(engine + "/*.parquet", arrow + "/*.parquet");
        assertThat(EnginePathTest.layout(engine + "/*.parquet")).isEqualTo(EnginePathTest.layout(arrow + "/*.parquet"));
        assertThat(EnginePathTest.rowGroups(engine + "/*.parquet")).isEqualTo(EnginePathTest.rowGroups(arrow + "/*.parquet"));
        assertThat(DuckDbCheck.count(engine + "/*.parquet")).isEqualTo(6_500);
        assertThat(DuckDbCheck.query("SELECT count(*) FILTER (s IS NULL), count(*) FILTER (s = ''), count(DISTINCT d), "
                + " min(uid)::VARCHAR FROM read_parquet('" + engine + "/*.parquet')").get(0))
                .containsExactly(1_300L, 1_300L, 5_571L, "00000000-0000-0000-0000-000000000000");
        // two streams: which files an Arrow stream takes from the queue is a race, so only the rows are the same
        Path parallel = dir.resolve("engine-2");
        Path parallelArrow = dir.resolve("arrow-2");
        bothWays(csvHome(in), parallel, parallelArrow, Map.of(), 2);
        assertThat(EnginePathTest.files(parallel)).hasSize(2);
        EnginePathTest.assertSameRows(parallel + "/*.parquet", engine + "/*.parquet");
        EnginePathTest.assertSameRows(parallelArrow + "/*.parquet", engine + "/*.parquet");
    }

    @Test
    void csvToTextFilesHasTheSameBytesBothWays() throws IOException {
        Path in = csvFolder();
        for (Map<String, Object> store : List.<Map<String, Object>>of(Map.of("format", "csv"),
                Map.of("format", "csv", "compression", "gzip", "format_options", Map.of("delimiter", "|", "null_strings", List.of("\\N"))),
                Map.of("format", "ndjson", "compression", "zstd"))) {
            Path engine = dir.resolve("engine-" + store.hashCode());
            Path arrow = dir.resolve("arrow-" + store.hashCode());
            bothWays(csvHome(in), engine, arrow, store, 1);
            assertThat(contents(engine)).isEqualTo(contents(arrow)).hasSize(1);
        }
    }

    @Test
    void ndjsonToParquetAndNdjsonIsEqualBothWays() throws IOException {
        Path in = jsonFolder();
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        bothWays(jsonHome(in), engine, arrow, Map.of(), 1);
        assertThat(EnginePathTest.files(engine)).isEqualTo(EnginePathTest.files(arrow)).hasSize(1);
        EnginePathTest.assertSameRows(engine + "/*.parquet", arrow + "/*.parquet");
        assertThat(EnginePathTest.layout(engine + "/*.parquet")).isEqualTo(EnginePathTest.layout(arrow + "/*.parquet"));
        Path engineText = dir.resolve("engine-text");
        Path arrowText = dir.resolve("arrow-text");
        bothWays(jsonHome(in), engineText, arrowText, Map.of("format", "ndjson"), 1);
        assertThat(contents(engineText)).isEqualTo(contents(arrowText)).hasSize(1);
    }

    /** Two files, of 2 and 1 bad rows: a value not of its column's type, too few columns, too many. */
    private Map<String, Object> badFiles(String onBadRow) throws IOException {
        Path in = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(in.resolve("a.csv"), "id,name\n1,a\n2,b\nthree,c\n4,d\n5\n6,f\n");
        Files.writeString(in.resolve("b.csv"), "id,name\n7,g\n8,h,extra\n9,i\n");
        return Map.of("path", in.toString(), "format", "csv", "format_options", Map.of("types", Map.of("id", "BIGINT")),
                "on_bad_row", onBadRow, "rejects_path", dir.resolve("rejects-" + onBadRow).toString());
    }

    @Test
    void badRowsFailBothWaysWithTheSameMessage() throws IOException {
        Map<String, Object> home = badFiles("fail");
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            String inEngine = failure(() -> copy(hygge, home, dir.resolve("engine"), Map.of(), 1, false));
            String batches = failure(() -> copy(hygge, home, dir.resolve("arrow"), Map.of(), 1, true));
            assertThat(inEngine).isEqualTo(batches).contains("a.csv has 2 bad row(s): line 4, column 'id'")
                    .contains("line 6").contains("on_bad_row: skip | file");
        }
        assertThat(ParquetStore.dataFiles(dir.resolve("engine"))).isEmpty();
        assertThat(ParquetStore.dataFiles(dir.resolve("arrow"))).isEmpty();
    }

    @Test
    void skippedAndWrittenBadRowsAreTheSameBothWays() throws IOException {
        for (String mode : List.of("skip", "file")) {
            Map<String, Object> home = badFiles(mode);
            Path engine = dir.resolve("engine-" + mode);
            Path arrow = dir.resolve("arrow-" + mode);
            try (Hygge hygge = TextRoundTripTest.runtime()) {
                FlowPlan plan = hygge.plan(hygge.flow("t").from("parquet", home)
                        .to("parquet", Map.of("path", engine.toString(), "format", "csv")).enginePath(true).build());
                assertThat(plan.path()).hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
                FlowResult inEngine = copy(hygge, home, engine, Map.of("format", "csv"), 1, false);
                String engineRejects = mode.equals("file") ? rejects(dir.resolve("rejects-" + mode)) : "";
                FlowResult batches = copy(hygge, home, arrow, Map.of("format", "csv"), 1, true);
                assertThat(inEngine.rowsWritten()).isEqualTo(batches.rowsWritten()).isEqualTo(inEngine.rowsRead()).isEqualTo(6);
                assertThat(inEngine.warnings()).isEqualTo(batches.warnings()).hasSize(2);
                assertThat(inEngine.warnings().get(0)).contains("a.csv: 2 bad row(s) skipped");
                assertThat(contents(engine)).isEqualTo(contents(arrow));
                if (mode.equals("file")) {
                    assertThat(engineRejects).isEqualTo(rejects(dir.resolve("rejects-" + mode))).contains("three,c").contains("8,h,extra");
                }
            }
        }
    }

    private static String failure(Runnable run) {
        try {
            run.run();
        } catch (dev.hygge.spi.HyggeException e) {
            return e.getMessage();
        }
        throw new AssertionError("the copy did not fail");
    }

    /** The rejects files' names and text. */
    private static String rejects(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : TextRoundTripTest.files(folder)) {
            all.append(file.getFileName()).append('\n').append(Files.readString(file));
        }
        return all.toString();
    }

    @Test
    void csvWithNestedColumnsIsWrittenFromArrowBatches() throws IOException {
        Path in = jsonFolder();
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            FlowPlan plan = hygge.plan(hygge.flow("t").from("parquet", jsonHome(in))
                    .to("parquet", Map.of("path", dir.resolve("o").toString(), "format", "csv")).build());
            assertThat(plan.path()).hasValueSatisfying(p -> assertThat(p).startsWith("arrow batches: the Store: csv files hold list"));
        }
    }

    /** Each data file's name and its bytes (a gzip file's decompressed: its header may hold a time), as text. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path file : TextRoundTripTest.files(folder)) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            if (name.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    bytes = in.readAllBytes();
                }
            }
            texts.put(name, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return texts;
    }
}
