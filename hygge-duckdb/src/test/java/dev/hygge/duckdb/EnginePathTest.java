package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Flow;
import dev.hygge.FlowHandle;
import dev.hygge.FlowPlan;
import dev.hygge.FlowResult;
import dev.hygge.FlowStatus;
import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.polish.Polish;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-engine path against the Arrow path ({@code arrowPath(true)}) over the same inputs, for
 * parquet to a DuckDB table and a DuckDB table to parquet: equal tables (the same DDL, every value)
 * and equal files (the same names, parquet types, row groups, every value); the engine's choice
 * and what it says about it; and an in-engine copy that reports progress and ends promptly when
 * cancelled, leaving the destination as it was.
 */
class EnginePathTest {
    /** Every type of the parquet type table, as DuckDB writes them. */
    static final String TYPES = "SELECT i AS id,"
            + " (i % 128)::TINYINT AS i8, ((i * 7) % 32000 - 16000)::SMALLINT AS i16, (i * 65537 - 100000000)::INTEGER AS i32,"
            + " (i * 4294967311)::BIGINT AS i64, (i % 256)::UTINYINT AS u8, (i * 13)::USMALLINT AS u16, (i * 65537)::UINTEGER AS u32,"
            + " (18446744073709551615 - i)::UBIGINT AS u64, (i::HUGEINT * 1000000000000)::HUGEINT AS i128,"
            + " (i / 3.0)::FLOAT AS f32, (i / 7.0)::DOUBLE AS f64,"
            + " (i / 100)::DECIMAL(9,2) AS dec_int32, (i / 100)::DECIMAL(18,2) AS dec_int64, (i / 7)::DECIMAL(38,10) AS dec_fixed,"
            + " 'row ' || i || ' ærø 😀' AS str, ('x' || i)::BLOB AS bin,"
            + " DATE '1970-01-01' + (i % 30000)::INTEGER AS day, make_time(i % 24, i % 60, (i % 60)::DOUBLE + 0.123456) AS tod,"
            + " make_timestamp(1600000000000000 + i * 1000003) AS ts_us, epoch_ms(1600000000000 + i * 1003)::TIMESTAMP_MS AS ts_ms,"
            + " make_timestamp_ns(1600000000000000000 + i * 1000000007) AS ts_ns, make_timestamptz(1600000000000000 + i * 1000003) AS ts_utc,"
            + " i % 3 = 0 AS flag, NULL::INTEGER AS all_null,"
            + " CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1, NULL] END AS list_col,"
            + " {'a': i, 'b': 'v' || i, 'c': [i::DOUBLE]} AS struct_col, MAP {'k' || (i % 3): i} AS map_col,"
            + " ['red', 'green', 'blue'][i % 3 + 1]::ENUM('red', 'green', 'blue') AS enum_col,"
            + " ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS uid"
            + " FROM range(5000) t(i)";

    @TempDir
    Path dir;

    private static Hygge runtime(FlowListener listener) {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new ParquetHomeFactory()).home(new DuckDbHomeFactory())
                        .store(new ParquetStoreFactory()).store(new DuckDbStoreFactory()).build())
                .progressInterval(null).listener(listener).build();
    }

    private static Hygge runtime() {
        return runtime(new FlowListener() { });
    }

    /** Runs {@code sql} on a fresh in-memory DuckDB and returns its rows. */
    static List<List<Object>> query(String... sql) {
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties()); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (int i = 0; i < sql.length - 1; i++) {
                st.execute(sql[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(sql[sql.length - 1])) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSameRows(String left, String right, String... setup) {
        List<String> describe = new ArrayList<>(List.of(setup));
        describe.add("DESCRIBE SELECT * FROM " + left);
        List<String> other = new ArrayList<>(List.of(setup));
        other.add("DESCRIBE SELECT * FROM " + right);
        assertThat(query(describe.toArray(String[]::new))).isEqualTo(query(other.toArray(String[]::new)));
        for (String[] pair : List.of(new String[] {left, right}, new String[] {right, left})) {
            List<String> except = new ArrayList<>(List.of(setup));
            except.add("SELECT count(*) FROM (SELECT * FROM " + pair[0] + " EXCEPT ALL SELECT * FROM " + pair[1] + ")");
            assertThat(query(except.toArray(String[]::new))).containsExactly(List.of(0L));
        }
    }

    private Path parquetSource() {
        Path source = dir.resolve("types.parquet");
        query("COPY (" + TYPES + ") TO '" + source + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)", "SELECT 1");
        return source;
    }

    @Test
    void parquetIntoDuckDbGivesEqualTablesBothWays() {
        Path source = parquetSource();
        Path engine = dir.resolve("engine.duckdb");
        Path arrow = dir.resolve("arrow.duckdb");
        try (Hygge hygge = runtime()) {
            for (Path database : List.of(engine, arrow)) {
                FlowResult result = hygge.flow("t").from("parquet", Map.of("path", source.toString(), "split_rows", 2_000))
                        .to("duckdb", Map.of("path", database.toString(), "table", "t")).arrowPath(database == arrow).run();
                assertThat(result.rowsRead()).isEqualTo(5_000);
                assertThat(result.rowsWritten()).isEqualTo(5_000);
            }
        }
        assertSameRows("e.t", "a.t", "ATTACH '" + engine + "' AS e (READ_ONLY)", "ATTACH '" + arrow + "' AS a (READ_ONLY)");
        assertThat(DuckDb.stagingTables(engine)).isZero();
    }

    @Test
    void aDuckDbTableIntoParquetGivesEqualFilesBothWays() {
        Path database = dir.resolve("w.duckdb");
        // the ENUM column too: the Home reads it as its labels on both paths (DuckDbEnumHomeTest)
        DuckDb.execute(database, "CREATE TABLE t AS " + TYPES);
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        try (Hygge hygge = runtime()) {
            for (Path out : List.of(engine, arrow)) {
                hygge.flow("t").from("duckdb", Map.of("path", database.toString(), "table", "t"))
                        .to("parquet", Map.of("path", out.toString(), "compression", "zstd")).arrowPath(out == arrow).run();
            }
        }
        assertThat(names(engine)).isEqualTo(names(arrow)).containsExactly("t_00000000000000000000.parquet");
        String e = "read_parquet('" + engine + "/*.parquet')";
        String a = "read_parquet('" + arrow + "/*.parquet')";
        assertSameRows(e, a);
        String layout = "SELECT name, type, type_length, repetition_type, converted_type, scale, precision, logical_type"
                + " FROM parquet_schema('%s/*.parquet') ORDER BY name";
        assertThat(query(String.format(layout, engine))).isEqualTo(query(String.format(layout, arrow)));
        String groups = "SELECT row_group_id, row_group_num_rows, compression FROM parquet_metadata('%s/*.parquet')"
                + " WHERE column_id = 0 ORDER BY ALL";
        assertThat(query(String.format(groups, engine))).isEqualTo(query(String.format(groups, arrow)));
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_") && !n.startsWith(".")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theEngineChoosesThePathAndSaysWhy() {
        Path source = parquetSource();
        Path database = dir.resolve("p.duckdb");
        DuckDb.execute(database, "SELECT 1");         // a plan creates no database: it plans into one that exists
        try (Hygge hygge = runtime()) {
            Flow plain = hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "t")).build();
            FlowPlan plan = hygge.plan(plain);
            assertThat(plan.path()).hasValue("in-engine (duckdb): the Home and the Store both run on duckdb");
            assertThat(plan.describe()).contains("  path: in-engine (duckdb)");

            Flow polished = hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "t"))
                    .polish(Polish.builder().constant(dev.hygge.polish.Constant.of("source", "lake")).build()).build();
            assertThat(hygge.plan(polished).path()).hasValue("arrow batches: polish runs on Arrow batches");
            FlowResult result = hygge.run(polished);
            assertThat(result.error()).isEmpty();

            Flow incremental = hygge.flow("t3").from("parquet", Map.of("path", source.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "t3")).incremental(dev.hygge.Incremental.on("id"))
                    .build();
            assertThat(hygge.plan(incremental).path()).hasValue(
                    "in-engine (duckdb): the Home and the Store both run on duckdb, which tracks the watermark 'id'");
            assertThat(hygge.run(incremental).rowsWritten()).isEqualTo(5_000);

            DuckDb.execute(dir.resolve("other.duckdb"), "SELECT 1");
            Flow other = hygge.flow("t2").from("duckdb", Map.of("path", database.toString(), "table", "t"))
                    .to("duckdb", Map.of("path", dir.resolve("other.duckdb").toString(), "table", "t")).build();
            assertThat(hygge.plan(other).path()).hasValueSatisfying(p ->
                    assertThat(p).startsWith("arrow batches: the Store: the Home reads another DuckDB database"));
        }
        assertThat(DuckDb.query(database, "SELECT DISTINCT source FROM t")).containsExactly(List.of("lake"));
    }

    /**
     * A copy of 12M rows inside DuckDB (parquet into a table, a table into parquet): DuckDB's
     * progress arrives while it runs, a cancel ends it within seconds, and nothing is left at the
     * destination.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb table -> parquet", "parquet -> duckdb table"})
    void aCancelledInEngineCopyEndsPromptlyAndLeavesNothing(String direction) throws Exception {
        Path database = dir.resolve("slow.duckdb");
        Path parquet = dir.resolve("big.parquet");
        boolean fromTable = direction.startsWith("duckdb");
        String rows = "SELECT i AS id, md5(i::VARCHAR) AS h, i / 7.0 AS v FROM range(12000000) t(i)";
        if (fromTable) {
            DuckDb.execute(database, "CREATE TABLE big AS " + rows);
        } else {
            query("COPY (" + rows + ") TO '" + parquet + "' (FORMAT parquet)", "SELECT 1");
        }
        Path out = dir.resolve("out");
        CountDownLatch progressed = new CountDownLatch(2);
        AtomicLong reported = new AtomicLong();
        try (Hygge hygge = runtime(new FlowListener() {
            @Override
            public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                reported.set(totalRows);
                progressed.countDown();
            }
        })) {
            Flow flow = fromTable
                    ? hygge.flow("slow").from("duckdb", Map.of("path", database.toString(), "table", "big"))
                            .to("parquet", Map.of("path", out.toString())).parallelism(1).build()
                    : hygge.flow("slow").from("parquet", Map.of("path", parquet.toString()))
                            .to("duckdb", Map.of("path", database.toString(), "table", "big")).parallelism(1).build();
            FlowHandle handle = hygge.start(flow);
            assertThat(progressed.await(120, TimeUnit.SECONDS)).as("progress reported").isTrue();
            assertThat(reported.get()).isPositive().isLessThan(12_000_000L);
            long start = System.nanoTime();
            handle.cancel();
            FlowResult result = handle.result();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.status()).as("%s", result.error()).isEqualTo(FlowStatus.CANCELLED);
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(hygge.context().allocator().getAllocatedMemory()).isZero();
        }
        if (fromTable) {
            assertThat(names(out)).isEmpty();
            assertThat(out.resolve("_hygge_staging")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                    p -> assertThat(p).isEmptyDirectory());
        } else {
            assertThat(DuckDb.count(database, "information_schema.tables WHERE table_name = 'big'")).isZero();
            assertThat(DuckDb.stagingTables(database)).isZero();
        }
    }
}
