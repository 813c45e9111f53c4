package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowPlan;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parquet to parquet both ways, in-engine (DuckDB copies the Home's relation) and through Arrow
 * batches ({@code arrowPath(true)}), over the same inputs: the files must be equal value for value,
 * with the same names, types, physical and logical parquet types, compression and row groups.
 */
class EnginePathTest {
    /** The type table's types: every one DuckDB writes, plus UUID (read as text by the Arrow path). */
    static final String TYPES = ParquetTypesTest.ALL_TYPES.replace(" FROM range(5000) t(i)",
            ", uuid(i % 7) AS uid_placeholder FROM range(5000) t(i)")
            .replace("uuid(i % 7) AS uid_placeholder", "('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS uid");

    @TempDir
    Path dir;

    private Path source(String name, String select, String options) {
        Path file = dir.resolve(name);
        DuckDbCheck.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet" + options + ")");
        return file;
    }

    private FlowResult copy(Hygge hygge, Path source, Path target, boolean arrow, Map<String, Object> store) {
        return copy(hygge, source, target, arrow, store, 2);
    }

    private FlowResult copy(Hygge hygge, Path source, Path target, boolean arrow, Map<String, Object> store, int streams) {
        Map<String, Object> options = new java.util.HashMap<>(store);
        options.put("path", target.toString());
        return hygge.flow("t").from("parquet", Map.of("path", source.toString(), "split_rows", 2_000))
                .to("parquet", options).parallelism(streams).arrowPath(arrow).run();
    }

    static List<String> files(Path folder) {
        return ParquetStore.dataFiles(folder).stream().map(p -> folder.relativize(p).toString()).toList();
    }

    /** Every value, as DuckDB reads it, in no order. */
    static void assertSameRows(String a, String b) {
        String left = "read_parquet('" + a + "', hive_partitioning = true)";
        String right = "read_parquet('" + b + "', hive_partitioning = true)";
        assertThat(DuckDbCheck.query("DESCRIBE SELECT * FROM " + left)).isEqualTo(DuckDbCheck.query("DESCRIBE SELECT * FROM " + right));
        assertThat(DuckDbCheck.query("SELECT count(*) FROM (SELECT * FROM " + left + " EXCEPT ALL SELECT * FROM " + right + ")"))
                .containsExactly(List.of(0L));
        assertThat(DuckDbCheck.query("SELECT count(*) FROM (SELECT * FROM " + right + " EXCEPT ALL SELECT * FROM " + left + ")"))
                .containsExactly(List.of(0L));
    }

    /**
     * The parquet schema (physical, logical and converted types) and the files' codecs and row
     * groups, in an order every column decides: two lists' {@code element} rows tie on the name,
     * and DuckDB 1.5 returns tied rows in no fixed order.
     */
    static List<List<Object>> layout(String glob) {
        return DuckDbCheck.query("SELECT name, type, type_length, repetition_type, converted_type, scale, precision, logical_type"
                + " FROM parquet_schema('" + glob + "') ORDER BY file_name, name, type, type_length, repetition_type, converted_type, scale,"
                + " precision, logical_type");
    }

    /**
     * The row groups' sizes and codecs, in no order: which split's rows go to which file is the
     * Arrow path's streams' race (they take splits from a queue), not a property of the files.
     */
    static List<List<Object>> rowGroups(String glob) {                  // a row per row group and column
        return DuckDbCheck.query("SELECT row_group_num_rows, compression, count(*)"
                + " FROM parquet_metadata('" + glob + "') GROUP BY ALL ORDER BY ALL");
    }

    /**
     * One stream, as in {@link #partitionedCopiesAreEqualToo}: with two, which splits each Arrow
     * stream takes is a race, and with it the files' names, sizes and row groups (the in-engine path
     * deals the splits in turn; {@link #rowsPerFileOnTwoStreamsCutsEachRelation} covers two streams).
     */
    @Test
    void bothPathsWriteEqualFilesOfEveryType() {
        Path source = source("types.parquet", TYPES, ", ROW_GROUP_SIZE 1000");
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            copy(hygge, source, engine, false, Map.of("compression", "zstd", "row_group_size", 1_024), 1);
            copy(hygge, source, arrow, true, Map.of("compression", "zstd", "row_group_size", 1_024), 1);
        }
        assertThat(files(engine)).isEqualTo(files(arrow)).hasSize(1);
        assertSameRows(engine + "/*.parquet", arrow + "/*.parquet");
        assertThat(layout(engine + "/*.parquet")).isEqualTo(layout(arrow + "/*.parquet"));
        assertThat(rowGroups(engine + "/*.parquet")).isEqualTo(rowGroups(arrow + "/*.parquet"));
        assertThat(DuckDbCheck.count(engine + "/*.parquet")).isEqualTo(5_000);
    }

    /**
     * One stream: with two, the Arrow path's streams race for the splits, so whether the second writes a file into
     * each partition depends on timing (3 or 6 files; CI once saw 3), where the in-engine path deals the splits in
     * turn (hygge-parquet README); the file names are the same only where both are fixed.
     */
    @Test
    void partitionedCopiesAreEqualToo() {
        Path source = source("p.parquet", "SELECT i AS id, ['eu', 'us', 'asia'][i % 3 + 1] AS region, i / 7.0 AS v"
                + " FROM range(9000) t(i)", ", ROW_GROUP_SIZE 2048");
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            copy(hygge, source, engine, false, Map.of("partition_by", List.of("region")), 1);
            copy(hygge, source, arrow, true, Map.of("partition_by", List.of("region")), 1);
        }
        assertThat(files(engine)).isEqualTo(files(arrow));
        assertSameRows(DuckDbCheck.glob(engine), DuckDbCheck.glob(arrow));
    }

    /**
     * {@code rows_per_file} in-engine: each file one COPY of the relation's next slice of rows, so the files are the
     * Arrow path's, name for name and row for row (one stream: with two, the Arrow path's streams race for the splits).
     */
    @Test
    void rowsPerFileCopiesAreEqualToo() {
        Path source = source("r.parquet", TYPES, ", ROW_GROUP_SIZE 1000");
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        Map<String, Object> store = Map.of("rows_per_file", 1_200, "compression", "zstd");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString(), "split_rows", 2_000))
                    .to("parquet", Map.of("path", engine.toString(), "rows_per_file", 1_200)).build()).path())
                    .hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
            assertThat(copy(hygge, source, engine, false, store, 1).rowsWritten()).isEqualTo(5_000);
            copy(hygge, source, arrow, true, store, 1);
        }
        assertThat(files(engine)).isEqualTo(files(arrow)).hasSize(5);
        assertThat(rowsPerFile(engine)).isEqualTo(rowsPerFile(arrow)).containsExactly(1_200L, 1_200L, 1_200L, 1_200L, 200L);
        assertSameRows(engine + "/*.parquet", arrow + "/*.parquet");
        assertThat(inOrder(engine)).isEqualTo(inOrder(arrow));      // the same rows in the same files, in the same order
        assertThat(layout(engine + "/*.parquet")).isEqualTo(layout(arrow + "/*.parquet"));
        assertThat(rowGroups(engine + "/*.parquet")).isEqualTo(rowGroups(arrow + "/*.parquet"))
                .containsExactly(List.of(200L, "ZSTD", 33L), List.of(1_200L, "ZSTD", 132L));
    }

    /** With two streams each relation is cut by itself: every file but a stream's last holds rows_per_file rows. */
    @Test
    void rowsPerFileOnTwoStreamsCutsEachRelation() {
        Path source = source("two.parquet", "SELECT i AS id, i * 2 AS v FROM range(10000) t(i)", ", ROW_GROUP_SIZE 1000");
        Path engine = dir.resolve("engine");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(copy(hygge, source, engine, false, Map.of("rows_per_file", 1_500), 2).rowsWritten()).isEqualTo(10_000);
        }
        List<Long> rows = rowsPerFile(engine);
        assertThat(rows.stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
        assertThat(rows).allSatisfy(n -> assertThat(n).isBetween(1L, 1_500L));
        assertThat(rows.stream().filter(n -> n < 1_500)).hasSizeLessThanOrEqualTo(2);
        assertThat(DuckDbCheck.query("SELECT count(DISTINCT id), min(id), max(id) FROM read_parquet('" + engine + "/*.parquet')"))
                .containsExactly(List.of(10_000L, 0L, 9_999L));
    }

    /** Every row as text with its file's name, file by file in name order, each file's rows in its order. */
    private static List<List<Object>> inOrder(Path folder) {
        return DuckDbCheck.query("SELECT parse_filename(filename) AS f, COLUMNS(c -> c NOT IN ('filename', 'file_row_number'))::VARCHAR"
                + " FROM read_parquet('" + folder + "/*.parquet', filename = true, file_row_number = true) ORDER BY filename, file_row_number");
    }

    /** Each data file's row count, in the files' order. */
    private static List<Long> rowsPerFile(Path folder) {
        return ParquetStore.dataFiles(folder).stream().map(f -> DuckDbCheck.count(f.toString())).toList();
    }

    /** The in-engine path reports the bytes its COPYs wrote: the committed files' sizes, partition folders' too. */
    @Test
    void inEngineBytesAreTheWrittenFilesSizes() throws java.io.IOException {
        Path source = source("b.parquet", "SELECT i AS id, ['eu', 'us'][i % 2 + 1] AS region, repeat('x', i % 50) AS s"
                + " FROM range(6000) t(i)", ", ROW_GROUP_SIZE 2048");
        Path single = dir.resolve("single");
        Path parted = dir.resolve("parted");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            FlowResult one = copy(hygge, source, single, false, Map.of());
            FlowResult split = copy(hygge, source, parted, false, Map.of("partition_by", List.of("region")));
            assertThat(one.bytes()).isEqualTo(sizes(single)).isGreaterThan(1_000);
            assertThat(split.bytes()).isEqualTo(sizes(parted)).isGreaterThan(1_000);
        }
    }

    private static long sizes(Path folder) throws java.io.IOException {
        long bytes = 0;
        for (Path file : ParquetStore.dataFiles(folder)) {
            bytes += java.nio.file.Files.size(file);
        }
        return bytes;
    }

    @Test
    void planAndRunSayWhichPath() {
        Path source = source("s.parquet", "SELECT i AS id FROM range(10) t(i)", "");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            FlowPlan engine = hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", dir.resolve("o").toString())).build());
            assertThat(engine.path()).hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
            assertThat(engine.describe()).contains("path: in-engine (duckdb)");
            FlowPlan cut = hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", dir.resolve("o").toString(), "rows_per_file", 5)).build());
            assertThat(cut.path()).hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
            FlowPlan cutIncrementally = hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", dir.resolve("o").toString(), "rows_per_file", 5))
                    .incremental(dev.hygge.Incremental.on("id")).build());
            assertThat(cutIncrementally.path()).hasValueSatisfying(p -> assertThat(p).startsWith("arrow batches: the Store: rows_per_file"));
            FlowPlan forced = hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", dir.resolve("o").toString())).arrowPath(true).build());
            assertThat(forced.path()).hasValueSatisfying(p -> assertThat(p).startsWith("arrow batches: asked for"));
        }
    }
}
