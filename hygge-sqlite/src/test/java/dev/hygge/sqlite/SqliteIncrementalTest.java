package dev.hygge.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sqlite Home's incremental read on a real file, for every kind of watermark column SQLite can
 * compare: the watermark is taken from the Home's own read of a row (as the engine takes the
 * maximum), and the rows read back are exactly the later ones, NULLs only when asked. Then a flow:
 * sqlite → sqlite merged, run after run, with the state committed with the rows.
 */
class SqliteIncrementalTest {
    /** Rows n = 0..9 hold increasing values in every column; rows 10 and 11 hold NULL in all but n. */
    private static final String TABLE = "CREATE TABLE t (n INT4 NOT NULL, big BIGINT, amount DECIMAL(10,3), day DATE,"
            + " at TIMESTAMP(6), at_ms TIMESTAMP(3), at_tz TIMESTAMPTZ(6), label TEXT)";
    private static final String ROWS = "INSERT INTO t WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r WHERE n < 11)"
            + " SELECT n, CASE WHEN n < 10 THEN n * 10 END, CASE WHEN n < 10 THEN n + 0.125 END,"
            + " CASE WHEN n < 10 THEN date('2024-12-22', '+' || n || ' days') END,"
            + " CASE WHEN n < 10 THEN '2024-01-01 10:00:00.12345' || n END,"
            + " CASE WHEN n < 10 THEN '2024-01-01 10:00:00.12' || n END,"
            + " CASE WHEN n < 10 THEN '2024-01-01 08:00:00.12345' || n || '+00:00' END,"
            + " CASE WHEN n < 10 THEN 'k' || n END FROM r";

    @TempDir
    Path dir;
    private Path file;
    private final RootAllocator allocator = new RootAllocator();

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("w.db");
        SqliteReadBack.execute(file, TABLE, ROWS);
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private SqliteHome home(String table, String query) {
        SqliteHomeOptions options = new SqliteHomeOptions();
        options.path = file.toString();
        options.table = table;
        options.query = query;
        options.batchSize = 4;
        return (SqliteHome) new SqliteHomeFactory().create(options, null);
    }

    /** The value of {@code column} in row {@code n} as the Home reads it. */
    private Watermark valueAt(String column, int n) throws Exception {
        SqliteHome home = home("t", null);
        try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
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

    private List<Integer> read(SqliteHome home, WatermarkFilter filter) throws Exception {
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
    @ValueSource(strings = {"n", "big", "amount", "day", "at", "at_ms", "at_tz", "label"})
    void readsRowsStrictlyAfterTheWatermarkAtFullPrecision(String column) throws Exception {
        Watermark fourth = valueAt(column, 4);
        assertThat(read(home("t", null), new WatermarkFilter(column, Optional.of(fourth), false))).as(column + " > " + fourth.text())
                .isEqualTo(range(5, column.equals("n") ? 12 : 10));
        assertThat(read(home("t", null), new WatermarkFilter(column, Optional.of(fourth), true))).as("NULLs too")
                .isEqualTo(range(5, 12));
        assertThat(read(home("t", null), new WatermarkFilter(column, Optional.empty(), false))).as("first run")
                .isEqualTo(range(0, column.equals("n") ? 12 : 10));
        Watermark last = valueAt(column, 9);
        assertThat(read(home("t", null), new WatermarkFilter(column, Optional.of(last), false))).as("nothing after the greatest")
                .isEqualTo(column.equals("n") ? range(10, 12) : List.of());
    }

    @Test
    void theColumnsAreDescribedWithoutReadingAndTheirKindsAreThoseOfTheRead() throws Exception {
        SqliteHome home = home("t", null);
        assertThat(home.column("at_ms")).get().extracting(f -> f.getType())
                .isEqualTo(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
        assertThat(home.column("AT_TZ").flatMap(f -> Watermark.Kind.of(f.getType()))).as("names match ignoring case")
                .contains(Watermark.Kind.INSTANT);
        assertThat(home.column("nope")).isEmpty();
        assertThatThrownBy(() -> home.restrict(new WatermarkFilter("nope", Optional.of(Watermark.of(1)), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> home("t", null).restrict(new WatermarkFilter("label", Optional.of(Watermark.of(1)), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("'label' holds STRING").hasMessageContaining("--full-drop");
        assertThat(valueAt("at", 3)).isEqualTo(Watermark.of(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123_453_000)));
        assertThat(new SqliteHomeFactory()).isInstanceOf(HomeFactory.ReadsIncrementally.class);
    }

    @Test
    void aQueryIsWrappedAndTheWatermarkBoundNeverSpliced() throws Exception {
        Watermark sixth = valueAt("at", 6);
        SqliteHome home = home(null, "SELECT n, at FROM t WHERE n <> 8");
        assertThat(read(home, new WatermarkFilter("at", Optional.of(sixth), true))).isEqualTo(List.of(7, 9, 10, 11));
        SqliteSplit split = (SqliteSplit) home.splits().get(0);
        assertThat(split.sql()).isEqualTo("SELECT * FROM (SELECT n, at FROM t WHERE n <> 8) AS \"hygge_query\""
                + " WHERE (\"at\" > ? OR \"at\" IS NULL)").doesNotContain("2024");
        assertThat(split.parameters()).extracting(Object::toString).containsExactly("TIMESTAMP 2024-01-01T10:00:00.123456");
    }

    @Test
    void aDecimalTooWideForANumberCannotBeAWatermark() throws Exception {
        SqliteReadBack.execute(file, "CREATE TABLE wide (n INT4, v DECIMAL_TEXT(30,2))", "INSERT INTO wide VALUES (1, '1.50')");
        assertThatThrownBy(() -> home("wide", null).restrict(new WatermarkFilter("v", Optional.empty(), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("'v' is DECIMAL_TEXT")
                .hasMessageContaining("DECIMAL(p,s) of up to 15 digits");
    }

    /** sqlite → sqlite through the engine: each run reads only the rows after the watermark committed with the target's rows. */
    @Test
    void runAfterRunOnlyNewRowsAreReadAndMerged() throws Exception {
        Path source = dir.resolve("source.db");
        Path target = dir.resolve("target.db");
        SqliteReadBack.execute(source, "CREATE TABLE events (id BIGINT, changed TIMESTAMP(6), v TEXT)",
                "INSERT INTO events VALUES (1, '2024-01-01 10:00:00.000001', 'a'), (2, '2024-01-01 10:00:00.000002', 'b'),"
                        + " (3, '2024-01-01 10:00:00.000003', 'c')");
        Incremental plain = Incremental.on("changed").primaryKey("id");
        try (Hygge hygge = Sqlite.runtime()) {
            FlowResult first = run(hygge, source, target, plain);
            assertThat(first.succeeded()).as("%s", first.error()).isTrue();
            assertThat(first.rowsRead()).isEqualTo(3);
            assertThat(first.watermark().get().committed()).contains(Watermark.of(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 3_000)));
            assertThat(run(hygge, source, target, plain).rowsRead()).as("nothing new").isZero();

            SqliteReadBack.execute(source, "INSERT INTO events VALUES (4, '2024-01-01 10:00:00.000004', 'd')",
                    "UPDATE events SET changed = '2024-01-01 10:00:00.000005', v = 'c2' WHERE id = 3");
            FlowResult second = run(hygge, source, target, plain);
            assertThat(second.rowsRead()).as("ids 4 and 3 (moved on)").isEqualTo(2);
        }
        assertThat(SqliteReadBack.query(target, "SELECT id, v FROM events ORDER BY id"))
                .containsExactly(List.of(1, "a"), List.of(2, "b"), List.of(3, "c2"), List.of(4, "d"));
        assertThat(SqliteReadBack.query(target, "SELECT state_value FROM hygge_state WHERE state_key = 'hygge.watermark'"))
                .extracting(r -> r.get(0).toString()).singleElement().asString().contains("\"column\":\"changed\"")
                .contains("2024-01-01T10:00:00.000005");
    }

    private static FlowResult run(Hygge hygge, Path source, Path target, Incremental spec) {
        return hygge.run(hygge.flow("events").from("sqlite", Map.of("path", source.toString(), "table", "events"))
                .to("sqlite", Map.of("path", target.toString(), "table", "events", "write_strategy", "merge", "keys", List.of("id")))
                .incremental(spec).retryDelay(Duration.ZERO).build());
    }
}
