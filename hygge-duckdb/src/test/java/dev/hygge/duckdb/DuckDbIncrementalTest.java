package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.Split;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import dev.hygge.spi.WatermarkValues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The duckdb Home's incremental pushdown on a real DuckDB file, for every kind of watermark
 * column: the watermark is taken from the Home's own read of a row (as the engine takes the
 * maximum), so "strictly greater" is tried at the precision the Home reads, and the rows read back
 * are exactly the later ones, NULLs only when asked.
 */
class DuckDbIncrementalTest {
    /** Rows n = 0..9 hold increasing values in every column; rows 10 and 11 hold NULL in all but n. */
    private static final String TABLE = "CREATE TABLE t AS SELECT n,"
            + " CASE WHEN n < 10 THEN n * 10 END::BIGINT AS big,"
            + " CASE WHEN n < 10 THEN 18446744073709551605 + n END::UBIGINT AS unsigned,"
            + " CASE WHEN n < 10 THEN n + 0.125 END::DECIMAL(18,3) AS amount,"
            + " CASE WHEN n < 10 THEN DATE '9999-12-22' + n::INTEGER END AS day,"
            + " CASE WHEN n < 10 THEN TIMESTAMP '9999-12-31 23:59:59.999990' + to_microseconds(n) END AS at,"
            + " CASE WHEN n < 10 THEN ('2024-01-01 10:00:00.12345678' || n)::TIMESTAMP_NS END AS at_ns,"
            + " CASE WHEN n < 10 THEN TIMESTAMPTZ '2024-01-01 10:00:00.123450+02' + to_microseconds(n) END AS at_tz,"
            + " CASE WHEN n < 10 THEN 'k' || n END AS label"
            + " FROM range(12) r(n)";

    @TempDir
    Path dir;
    private Path file;
    private final RootAllocator allocator = new RootAllocator();

    @BeforeEach
    void setUp() {
        file = dir.resolve("w.duckdb");
        DuckDb.execute(file, "SET TimeZone = 'UTC'", TABLE.replace("range(12) r(n)", "(SELECT range::INTEGER AS n FROM range(12))"));
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private DuckDbHome home(String table, String query) {
        DuckDbHomeOptions options = new DuckDbHomeOptions();
        options.path = file.toString();
        options.table = table;
        options.query = query;
        options.batchSize = 4;
        return new DuckDbHomeFactory().create(options, null);
    }

    /** The value of {@code column} in row {@code n} as the Home reads it. */
    private Watermark valueAt(String column, int n) throws Exception {
        try (DuckDbHome home = home("t", null); ArrowReader reader = home.open(home.splits().get(0), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                IntVector ns = (IntVector) root.getVector("n");
                for (int i = 0; i < root.getRowCount(); i++) {
                    if (ns.get(i) == n) {
                        return WatermarkValues.read((FieldVector) root.getVector(column), i);
                    }
                }
            }
        }
        throw new AssertionError("no row " + n);
    }

    /** The {@code n} of every row the Home reads once restricted by {@code filter}. */
    private List<Integer> read(DuckDbHome home, WatermarkFilter filter) throws Exception {
        home.restrict(filter);
        List<Integer> ns = new ArrayList<>();
        for (Split split : home.splits()) {
            try (ArrowReader reader = home.open(split, allocator)) {
                while (reader.loadNextBatch()) {
                    IntVector n = (IntVector) reader.getVectorSchemaRoot().getVector("n");
                    for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                        ns.add(n.get(i));
                    }
                }
            }
        }
        return ns.stream().sorted().toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", "big", "unsigned", "amount", "day", "at", "at_ns", "at_tz", "label"})
    void readsRowsStrictlyAfterTheWatermarkAtFullPrecision(String column) throws Exception {
        Watermark fourth = valueAt(column, 4);
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter(column, Optional.of(fourth), false))).as(column + " > " + fourth.text())
                    .isEqualTo(range(5, column.equals("n") ? 12 : 10));
        }
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter(column, Optional.of(fourth), true))).as("NULLs too").isEqualTo(range(5, 12));
        }
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter(column, Optional.empty(), false))).as("first run")
                    .isEqualTo(range(0, column.equals("n") ? 12 : 10));
        }
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter(column, Optional.empty(), true))).as("first run, NULLs too")
                    .isEqualTo(range(0, 12));
        }
        Watermark last = valueAt(column, 9);
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter(column, Optional.of(last), false))).as("nothing after the greatest")
                    .isEqualTo(column.equals("n") ? range(10, 12) : List.of());
        }
    }

    @Test
    void theColumnsAreDescribedWithoutReadingAndTheirKindsAreThoseOfTheRead() {
        try (DuckDbHome home = home("t", null)) {
            assertThat(home.column("at_ns")).get().extracting(f -> f.getType())
                    .isEqualTo(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null));
            assertThat(home.column("UNSIGNED")).as("DuckDB matches names ignoring case").get()
                    .satisfies(f -> assertThat(f.getName()).isEqualTo("unsigned"))
                    .extracting(f -> Watermark.Kind.of(f.getType()).orElseThrow()).isEqualTo(Watermark.Kind.INTEGER);
            assertThat(home.column("at_tz").flatMap(f -> Watermark.Kind.of(f.getType()))).contains(Watermark.Kind.INSTANT);
            assertThat(home.column("nope")).isEmpty();
            assertThatThrownBy(() -> home.restrict(new WatermarkFilter("nope", Optional.of(Watermark.of(1)), false)))
                    .isInstanceOf(HomeException.class).hasMessageContaining("no column 'nope'").hasMessageContaining("at_ns");
        }
        try (DuckDbHome home = home("t", null)) {
            assertThatThrownBy(() -> home.restrict(new WatermarkFilter("label", Optional.of(Watermark.of(1)), false)))
                    .isInstanceOf(HomeException.class).hasMessageContaining("'label' holds STRING")
                    .hasMessageContaining("--full-drop");
        }
        assertThat(new DuckDbHomeFactory()).isInstanceOf(HomeFactory.ReadsIncrementally.class);
    }

    @Test
    void aQueryIsWrappedAndTheWatermarkBoundNeverSpliced() throws Exception {
        Watermark sixth = valueAt("at_ns", 6);
        try (DuckDbHome home = home(null, "SELECT n, at_ns FROM t WHERE n <> 8")) {
            assertThat(read(home, new WatermarkFilter("at_ns", Optional.of(sixth), true))).isEqualTo(List.of(7, 9, 10, 11));
            DuckDbSplit split = (DuckDbSplit) home.splits().get(0);
            assertThat(split.sql()).isEqualTo("SELECT * FROM (SELECT n, at_ns FROM t WHERE n <> 8) q"
                    + " WHERE (q.\"at_ns\" > CAST(? AS TIMESTAMP_NS) OR q.\"at_ns\" IS NULL)");
            assertThat(split.parameters()).containsExactly("2024-01-01 10:00:00.123456786");
        }
        Watermark amount = valueAt("amount", 2);
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter("amount", Optional.of(amount), false))).isEqualTo(range(3, 10));
            DuckDbSplit split = (DuckDbSplit) home.splits().get(0);
            assertThat(split.sql()).isEqualTo("SELECT * FROM (SELECT * FROM \"t\") q WHERE q.\"amount\" > ?")
                    .doesNotContain("2.125");
            assertThat(split.parameters()).containsExactly(new java.math.BigDecimal("2.125"));
        }
    }

    /**
     * A table's read that asks for NULLs too is two scans, {@code > ?} and {@code IS NULL}, each
     * filter pushed into DuckDB's scan (which prunes row groups by their statistics); the one
     * condition {@code (> ? OR IS NULL)} was not pushed and tested every row of the table.
     */
    @Test
    void aTableReadWithNullsIsTwoScansEachFilteredInsideTheScan() throws Exception {
        DuckDb.execute(file, "CREATE TABLE big AS SELECT range::INTEGER AS n, CASE WHEN range % 100000 = 7 THEN NULL"
                + " ELSE TIMESTAMP '2026-01-01' + to_seconds(range) END AS at FROM range(300000)");
        Watermark late = Watermark.of(LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(299_990));
        try (DuckDbHome home = home("big", null)) {
            assertThat(read(home, new WatermarkFilter("at", Optional.of(late), true)))
                    .containsExactly(7, 100_007, 200_007, 299_991, 299_992, 299_993, 299_994, 299_995, 299_996, 299_997,
                            299_998, 299_999);
            DuckDbSplit split = (DuckDbSplit) home.splits().get(0);
            assertThat(split.sql()).isEqualTo("SELECT * FROM (SELECT * FROM \"big\") q WHERE q.\"at\" > ?"
                    + " UNION ALL SELECT * FROM (SELECT * FROM \"big\") q WHERE q.\"at\" IS NULL");
            assertThat(split.parameters()).containsExactly(late.value());
            String plan = explain(split);
            assertThat(plan.split("SEQ_SCAN", -1)).as(plan).hasSize(3);
            assertThat(plan).as("each filter inside its scan, no FILTER operator above one: " + plan)
                    .contains("at>'2026-01-04 11:19:50'").contains("Filters: (at IS NULL)").doesNotContain("FILTER");
        }
        try (DuckDbHome home = home(null, "SELECT n, \"at\" FROM big")) {
            assertThat(read(home, new WatermarkFilter("at", Optional.of(late), true))).as("a query is read once, by one condition")
                    .hasSize(12);
            assertThat(((DuckDbSplit) home.splits().get(0)).sql()).doesNotContain("UNION").contains("OR q.\"at\" IS NULL");
        }
        try (DuckDbHome home = home("big", null)) {
            assertThat(read(home, new WatermarkFilter("at", Optional.of(late), false))).as("no NULLs asked: one scan").hasSize(9);
            assertThat(((DuckDbSplit) home.splits().get(0)).sql()).doesNotContain("UNION");
        }
    }

    /** DuckDB's plan of a split, its parameters bound. */
    private String explain(DuckDbSplit split) throws Exception {
        try (DuckDbDatabase database = DuckDbDatabase.open("test", file.toString(), true);
             java.sql.Connection connection = database.duplicate();
             java.sql.PreparedStatement statement = connection.prepareStatement("EXPLAIN " + split.sql())) {
            for (int i = 0; i < split.parameters().size(); i++) {
                statement.setObject(i + 1, split.parameters().get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(2)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void aLookbackWindowFindsRowsCommittedLate() throws Exception {
        Watermark committed = valueAt("at_ns", 9);   // the greatest: the last run read up to here
        DuckDb.execute(file,
                "INSERT INTO t (n, at_ns) VALUES (20, TIMESTAMP_NS '2024-01-01 10:00:00.123456785')", // late: below the watermark
                "INSERT INTO t (n, at_ns) VALUES (21, TIMESTAMP_NS '2024-01-01 10:00:01')");          // new
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter("at_ns", Optional.of(committed), false))).as("no lookback: the late row is missed")
                    .containsExactly(21);
        }
        Watermark back = committed.minus(Watermark.Lookback.of(Duration.ofNanos(5)));
        assertThat(back.value()).isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_456_784));
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter("at_ns", Optional.of(back), false)))
                    .as("the window re-reads rows 5..9 (a merging Store deduplicates them) and finds the late one")
                    .containsExactly(5, 6, 7, 8, 9, 20, 21);
        }
        Watermark id = valueAt("big", 9).minus(Watermark.Lookback.of(20));
        try (DuckDbHome home = home("t", null)) {
            assertThat(read(home, new WatermarkFilter("big", Optional.of(id), false))).containsExactly(8, 9);
        }
    }
}
