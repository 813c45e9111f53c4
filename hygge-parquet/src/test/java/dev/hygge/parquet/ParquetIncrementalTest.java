package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.Split;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import dev.hygge.spi.WatermarkValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parquet Home's incremental read on real files: the filter inside DuckDB's scan for every
 * kind of watermark column, and the files and row groups hygge leaves out by their statistics
 * (and by hive folder values) before any split is read.
 */
class ParquetIncrementalTest {
    /** Rows n = 0..9 hold increasing values in every column; rows 10 and 11 hold NULL in all but n. */
    private static final String ROWS = "SELECT n,"
            + " CASE WHEN n < 10 THEN n * 10 END::BIGINT AS big,"
            + " CASE WHEN n < 10 THEN 18446744073709551605 + n END::UBIGINT AS unsigned,"
            + " CASE WHEN n < 10 THEN n + 0.125 END::DECIMAL(18,3) AS amount,"
            + " CASE WHEN n < 10 THEN n + 0.125 END::DECIMAL(30,3) AS wide,"
            + " CASE WHEN n < 10 THEN DATE '9999-12-22' + n END AS day,"
            + " CASE WHEN n < 10 THEN TIMESTAMP '9999-12-31 23:59:59.999990' + to_microseconds(n) END AS at,"
            + " CASE WHEN n < 10 THEN ('2024-01-01 10:00:00.12345678' || n)::TIMESTAMP_NS END AS at_ns,"
            + " CASE WHEN n < 10 THEN TIMESTAMPTZ '2024-01-01 10:00:00.123450+02' + to_microseconds(n) END AS at_tz,"
            + " CASE WHEN n < 10 THEN 'k' || n END AS label"
            + " FROM (SELECT range::INTEGER AS n FROM range(12))";

    @TempDir
    Path dir;
    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private static void write(Path file, String select) throws Exception {
        Files.createDirectories(file.getParent());
        DuckDbCheck.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }

    /** Three files: rows 0..3, 4..7 and 8..11 (the NULLs are in the last). */
    private Path threeFiles() throws Exception {
        Path folder = dir.resolve("kinds");
        for (int part = 0; part < 3; part++) {
            write(folder.resolve("part-" + part + ".parquet"), "SELECT * FROM (" + ROWS + ") WHERE n // 4 = " + part);
        }
        return folder;
    }

    private ParquetHome home(Path path, Map<String, Object> more) {
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.path = path.toString();
        options.batchSize = 3;
        if (more.containsKey("split_rows")) {
            options.splitRows = ((Number) more.get("split_rows")).longValue();
        }
        if (more.containsKey("columns")) {
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) more.get("columns");
            options.columns = columns;
        }
        return (ParquetHome) new ParquetHomeFactory().create(options, null);
    }

    /** The value of {@code column} in the row whose {@code key} is {@code n}, as the Home reads it. */
    private Watermark valueAt(Path path, String key, String column, long n) throws Exception {
        try (ParquetHome home = home(path, Map.of())) {
            for (Split split : home.splits()) {
                try (ArrowReader reader = home.open(split, allocator)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    while (reader.loadNextBatch()) {
                        for (int i = 0; i < root.getRowCount(); i++) {
                            if (((BaseIntVector) root.getVector(key)).getValueAsLong(i) == n) {
                                return WatermarkValues.read((FieldVector) root.getVector(column), i);
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("no row " + n);
    }

    /** The splits and the sorted {@code key} of every row a Home restricted by {@code filter} reads. */
    private record Read(List<Split> splits, List<Long> keys) {}

    private Read read(ParquetHome home, String key, WatermarkFilter filter) throws Exception {
        home.restrict(filter);
        List<Split> splits = home.splits();
        List<Long> keys = new ArrayList<>();
        for (Split split : splits) {
            try (ArrowReader reader = home.open(split, allocator)) {
                while (reader.loadNextBatch()) {
                    BaseIntVector n = (BaseIntVector) reader.getVectorSchemaRoot().getVector(key);
                    for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                        keys.add(n.getValueAsLong(i));
                    }
                }
            }
        }
        return new Read(splits, keys.stream().sorted().toList());
    }

    private static List<Long> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> (long) i).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", "big", "unsigned", "amount", "wide", "day", "at", "at_ns", "at_tz", "label"})
    void readsRowsStrictlyAfterTheWatermarkAndSkipsFilesWithNothingNew(String column) throws Exception {
        Path folder = threeFiles();
        boolean neverNull = column.equals("n");
        boolean byStatistics = !column.equals("label");
        Watermark fourth = valueAt(folder, "n", column, 4);
        try (ParquetHome home = home(folder, Map.of())) {
            Read read = read(home, "n", new WatermarkFilter(column, Optional.of(fourth), false));
            assertThat(read.keys()).as(column + " > " + fourth.text()).isEqualTo(range(5, neverNull ? 12 : 10));
            assertThat(read.splits()).as("part-0 (rows 0..3) is below the watermark by its statistics")
                    .hasSize(byStatistics ? 2 : 3);
        }
        try (ParquetHome home = home(folder, Map.of())) {
            assertThat(read(home, "n", new WatermarkFilter(column, Optional.of(fourth), true)).keys()).as("NULLs too")
                    .isEqualTo(range(5, 12));
        }
        try (ParquetHome home = home(folder, Map.of())) {
            Read first = read(home, "n", new WatermarkFilter(column, Optional.empty(), false));
            assertThat(first.keys()).as("first run").isEqualTo(range(0, neverNull ? 12 : 10));
            assertThat(first.splits()).hasSize(3);
        }
        try (ParquetHome home = home(folder, Map.of())) {
            assertThat(read(home, "n", new WatermarkFilter(column, Optional.empty(), true)).keys()).isEqualTo(range(0, 12));
        }
        Watermark last = valueAt(folder, "n", column, 9);
        try (ParquetHome home = home(folder, Map.of())) {
            Read nothing = read(home, "n", new WatermarkFilter(column, Optional.of(last), false));
            assertThat(nothing.keys()).as("nothing after the greatest").isEqualTo(neverNull ? range(10, 12) : List.of());
            assertThat(nothing.splits()).as("every file skipped but one, read through the filter for its schema")
                    .hasSize(byStatistics ? 1 : 3);
        }
        try (ParquetHome home = home(folder, Map.of())) {
            Read nulls = read(home, "n", new WatermarkFilter(column, Optional.of(last), true));
            assertThat(nulls.keys()).isEqualTo(range(10, 12));
            assertThat(nulls.splits()).as("the last file holds NULLs").extracting(Split::describe).last().asString()
                    .endsWith("part-2.parquet");
        }
    }

    @Test
    void theFootersReadAreThoseOfTheFilesTheWatermarkKeeps() throws Exception {
        Path folder = dir.resolve("batches");
        Files.createDirectories(folder);
        DuckDbCheck.execute("COPY (SELECT * FROM (" + ROWS + ") WHERE n < 4) TO '" + folder.resolve("part-0.parquet")
                + "' (FORMAT parquet, KV_METADATA {'batch': 'old'})");
        DuckDbCheck.execute("COPY (SELECT * FROM (" + ROWS + ") WHERE n BETWEEN 4 AND 7) TO '" + folder.resolve("part-1.parquet")
                + "' (FORMAT parquet, KV_METADATA {'batch': 'new'})");
        Watermark third = valueAt(folder, "n", "big", 3);

        try (ParquetHome home = home(folder, Map.of())) {
            home.restrict(new WatermarkFilter("big", Optional.of(third), false));
            List<Split> splits = home.splits();
            assertThat(splits).hasSize(1);
            try (ArrowReader reader = home.open(splits.get(0), allocator)) {
                assertThat(reader.getVectorSchemaRoot().getSchema().getCustomMetadata())
                        .as("only the new file is read, so its footer alone says what the rows carry")
                        .containsEntry("batch", "new");
            }
        }
        try (ParquetHome home = home(folder, Map.of())) {
            try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
                assertThat(reader.getVectorSchemaRoot().getSchema().getCustomMetadata())
                        .as("a full read reads both files, which disagree").doesNotContainKey("batch");
            }
        }
    }

    @Test
    void skipsRowGroupsOfOneBigFileByTheirStatistics() throws Exception {
        Path file = dir.resolve("big.parquet");
        DuckDbCheck.execute("COPY (SELECT range AS id, TIMESTAMP '2026-01-01' + to_seconds(range) AS at, 'x' || range AS pad"
                + " FROM range(1000000)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 10240)");
        long groups = (Long) DuckDbCheck.query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")
                .get(0).get(0);
        assertThat(groups).isGreaterThan(90);
        try (ParquetHome home = home(file, Map.of("split_rows", 10240))) {
            assertThat(home.splits()).as("a full read: a split per row group").hasSize((int) groups);
        }
        Watermark late = valueAt(file, "id", "at", 999_000);
        long started = System.nanoTime();
        try (ParquetHome home = home(file, Map.of("split_rows", 10240))) {
            Read read = read(home, "id", new WatermarkFilter("at", Optional.of(late), false));
            assertThat(read.keys()).isEqualTo(IntStream.range(999_001, 1_000_000).mapToObj(i -> (long) i).toList());
            assertThat(read.splits()).as("only the last row group holds rows after the watermark").hasSize(1);
        }
        System.out.printf("incremental read of 999 rows out of %d row groups: %.0f ms%n", groups, (System.nanoTime() - started) / 1e6);
    }

    @Test
    void hiveFoldersAreSkippedByTheirValue() throws Exception {
        Path folder = dir.resolve("hive");
        for (int day = 1; day <= 5; day++) {
            for (String region : List.of("eu", "us")) {
                write(folder.resolve("day=" + day + "/region=" + region + "/p.parquet"),
                        "SELECT " + day + " * 100 + range AS id FROM range(3)");
            }
        }
        try (ParquetHome home = home(folder, Map.of())) {
            assertThat(home.column("day")).get().extracting(f -> Watermark.Kind.of(f.getType()).orElseThrow())
                    .isEqualTo(Watermark.Kind.INTEGER);
            Read read = read(home, "id", new WatermarkFilter("day", Optional.of(Watermark.of(3)), false));
            assertThat(read.splits()).hasSize(4).allSatisfy(s -> assertThat(s.describe()).containsAnyOf("day=4", "day=5"));
            assertThat(read.keys()).containsExactly(400L, 400L, 401L, 401L, 402L, 402L, 500L, 500L, 501L, 501L, 502L, 502L);
        }
        try (ParquetHome home = home(folder, Map.of())) {
            Read read = read(home, "id", new WatermarkFilter("region", Optional.of(Watermark.of("eu")), false));
            assertThat(read.splits()).hasSize(5).allSatisfy(s -> assertThat(s.describe()).contains("region=us"));
            assertThat(read.keys()).hasSize(15);
        }
    }

    @Test
    void aLookbackWindowFindsRowsWrittenLate() throws Exception {
        Path folder = threeFiles();
        Watermark committed = valueAt(folder, "n", "at_tz", 9);
        write(folder.resolve("part-3.parquet"), "SELECT 20 AS n, TIMESTAMPTZ '2024-01-01 08:00:00.123458+00' AS at_tz" // late
                + " UNION ALL SELECT 21, TIMESTAMPTZ '2024-01-01 09:00:00+00'");                                   // new
        try (ParquetHome home = home(folder, Map.of("columns", List.of("n", "at_tz")))) {
            assertThat(read(home, "n", new WatermarkFilter("at_tz", Optional.of(committed), false)).keys()).containsExactly(21L);
        }
        Watermark back = committed.minus(Watermark.Lookback.of(Duration.ofNanos(2_500)));
        try (ParquetHome home = home(folder, Map.of("columns", List.of("n", "at_tz")))) {
            Read read = read(home, "n", new WatermarkFilter("at_tz", Optional.of(back), false));
            assertThat(read.keys()).as("rows 7..9 re-read in the window, the late row found").containsExactly(7L, 8L, 9L, 20L, 21L);
            assertThat(read.splits()).extracting(Split::describe).noneMatch(d -> d.endsWith("part-0.parquet"));
        }
    }

    @Test
    void aMissingOrUnreadColumnAndAChangedTypeAreClearErrors() throws Exception {
        Path folder = threeFiles();
        try (ParquetHome home = home(folder, Map.of())) {
            assertThat(home.column("nope")).isEmpty();
            assertThat(home.column("AT_NS")).as("DuckDB matches names ignoring case").get()
                    .satisfies(f -> assertThat(f.getName()).isEqualTo("at_ns"));
            assertThatThrownBy(() -> home.restrict(new WatermarkFilter("nope", Optional.empty(), false)))
                    .isInstanceOf(HomeException.class).hasMessageContaining("no column 'nope'").hasMessageContaining("part-0.parquet");
        }
        try (ParquetHome home = home(folder, Map.of("columns", List.of("n", "label")))) {
            assertThat(home.column("at")).as("left out by columns: not read").isEmpty();
            assertThatThrownBy(() -> home.restrict(new WatermarkFilter("at", Optional.empty(), false)))
                    .hasMessageContaining("add it to them");
        }
        try (ParquetHome home = home(folder, Map.of())) {
            assertThatThrownBy(() -> home.restrict(new WatermarkFilter("day", Optional.of(Watermark.of(5)), false)))
                    .isInstanceOf(HomeException.class).hasMessageContaining("'day' holds DATE").hasMessageContaining("--full-drop");
        }
        assertThat(new ParquetHomeFactory()).isInstanceOf(HomeFactory.ReadsIncrementally.class);
    }

    @Test
    void aFullReadStillOffersAFileWithoutRowGroupsAndAnIncrementalOneLeavesItOut() throws Exception {
        Path folder = dir.resolve("empty");
        write(folder.resolve("a-empty.parquet"), "SELECT * FROM (" + ROWS + ") WHERE false");
        write(folder.resolve("b.parquet"), ROWS);
        assertThat(DuckDbCheck.query("SELECT count(*) FROM parquet_metadata('" + folder.resolve("a-empty.parquet") + "')")
                .get(0).get(0)).as("no row group").isEqualTo(0L);
        try (ParquetHome home = home(folder, Map.of())) {
            assertThat(home.splits()).as("as before incremental reads: one split per file").hasSize(2);
        }
        try (ParquetHome home = home(folder, Map.of())) {
            Read read = read(home, "n", new WatermarkFilter("n", Optional.of(Watermark.of(3)), false));
            assertThat(read.splits()).extracting(Split::describe).singleElement().asString().endsWith("b.parquet");
            assertThat(read.keys()).isEqualTo(range(4, 12));
        }
    }
}
