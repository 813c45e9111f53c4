package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Flow;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.WatermarkRun;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An incremental flow from parquet files into a DuckDB table, run on the in-engine path and on the
 * Arrow path ({@code arrowPath(true)}) over the same files, step by step: a full run, new rows,
 * nothing new, late rows found by a lookback, rows whose watermark is NULL. After every step both
 * tables hold the same rows, both commit the same watermark state, and both runs report the same
 * rows, watermarks and NULL counts. For every kind of watermark column: integer, timestamp to the
 * nanosecond, time-zone-aware timestamp, date, decimal, text.
 */
class EnginePathIncrementalTest {
    /** Rows {@code ids} of one file; every watermark column grows with {@code t}, NULL where {@code t} is. */
    private static String rows(String ids, String t) {
        return "SELECT id, t AS i64, make_timestamp_ns(1700000000000000000 + t * 1000000007) AS ts_ns,"
                + " make_timestamptz(1700000000000000 + t * 1000003) AS ts_utc, DATE '2020-01-01' + t::INTEGER AS day,"
                + " (t / 1000)::DECIMAL(18,3) AS dec, 'k' || lpad(t::VARCHAR, 8, '0') || ' ø' AS str, 'v' || id AS v"
                + " FROM (SELECT i AS id, " + t + " AS t FROM " + ids + ")";
    }

    @TempDir
    Path dir;

    private static Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new ParquetHomeFactory()).store(new DuckDbStoreFactory()).build())
                .progressInterval(null).listener(new FlowListener() { }).build();
    }

    private void file(Path source, String name, String sql) {
        EnginePathTest.query("COPY (" + sql + ") TO '" + source.resolve(name) + "' (FORMAT parquet, ROW_GROUP_SIZE 500)", "SELECT 1");
    }

    private static Flow flow(Hygge hygge, Path source, Path database, Incremental spec, boolean arrow, boolean full) {
        Flow.Builder builder = hygge.flow("events").from("parquet", Map.of("path", source.toString(), "split_rows", 400))
                .to("duckdb", Map.of("path", database.toString(), "table", "events", "write_strategy", "merge",
                        "keys", List.of("id")))
                .incremental(spec).arrowPath(arrow).retries(0);
        return (full ? builder.fullDrop() : builder).build();
    }

    /** One step on both paths: the same rows read and written, the same watermark run, the same table and state. */
    private List<FlowResult> step(Hygge hygge, Path source, Incremental spec, boolean full) {
        List<FlowResult> results = new ArrayList<>();
        for (String path : List.of("engine", "arrow")) {
            Flow flow = flow(hygge, source, dir.resolve(path + ".duckdb"), spec, path.equals("arrow"), full);
            assertThat(hygge.plan(flow).path().orElseThrow()).startsWith(path.equals("arrow") ? "arrow batches: asked for"
                    : "in-engine (duckdb): ");
            FlowResult result = hygge.run(flow);
            assertThat(result.succeeded()).as("%s: %s", path, result.error()).isTrue();
            results.add(result);
        }
        FlowResult engine = results.get(0);
        FlowResult arrow = results.get(1);
        assertThat(engine.rowsRead()).isEqualTo(arrow.rowsRead());
        assertThat(engine.rowsWritten()).isEqualTo(arrow.rowsWritten());
        WatermarkRun e = engine.watermark().orElseThrow();
        WatermarkRun a = arrow.watermark().orElseThrow();
        assertThat(e).isEqualTo(a);
        assertThat(e.committed().orElseThrow().text()).isEqualTo(a.committed().orElseThrow().text());
        assertThat(engine.warnings()).isEqualTo(arrow.warnings());
        String attach = "ATTACH '" + dir.resolve("engine.duckdb") + "' AS e (READ_ONLY)";
        String attachArrow = "ATTACH '" + dir.resolve("arrow.duckdb") + "' AS a (READ_ONLY)";
        assertThat(EnginePathTest.query(attach, attachArrow, "SELECT state_key, state_value FROM e.hygge_state ORDER BY ALL"))
                .isEqualTo(EnginePathTest.query(attach, attachArrow, "SELECT state_key, state_value FROM a.hygge_state ORDER BY ALL"))
                .isNotEmpty();
        for (String[] pair : List.of(new String[] {"e", "a"}, new String[] {"a", "e"})) {
            assertThat(EnginePathTest.query(attach, attachArrow, "SELECT count(*) FROM (SELECT * FROM " + pair[0]
                    + ".events EXCEPT ALL SELECT * FROM " + pair[1] + ".events)")).containsExactly(List.of(0L));
        }
        assertThat(EnginePathTest.query(attach, attachArrow, "DESCRIBE e.events"))
                .isEqualTo(EnginePathTest.query(attach, attachArrow, "DESCRIBE a.events"));
        return results;
    }

    @ParameterizedTest(name = "{0}, lookback {1}, include_nulls {2}")
    @CsvSource({
        "i64, 5, false",
        "ts_ns, PT5.000000035S, false",
        "ts_utc, PT5.000015S, true",
        "day, P5D, false",
        "dec, '', true",
        "str, '', false",
    })
    void anIncrementalSequenceGivesTheSameRowsWatermarksAndNullCountsOnBothPaths(String column, String lookback,
                                                                               boolean includeNulls) throws Exception {
        Path source = Files.createDirectories(dir.resolve("landing"));
        Incremental plain = Incremental.on(column).primaryKey("id").includeNulls(includeNulls);
        UnaryOperator<Incremental> late = lookback.isEmpty() ? s -> s
                : lookback.startsWith("P") ? s -> s.lookback(Duration.parse(lookback)) : s -> s.lookback(Long.parseLong(lookback));
        DuckDb.execute(dir.resolve("engine.duckdb"), "SELECT 1");      // a plan plans into a database that exists
        DuckDb.execute(dir.resolve("arrow.duckdb"), "SELECT 1");
        try (Hygge hygge = runtime()) {
            file(source, "a.parquet", rows("range(0, 1000) r(i)", "i"));
            List<FlowResult> full = step(hygge, source, plain, true);
            assertThat(full.get(0).rowsRead()).isEqualTo(1000);

            file(source, "b.parquet", rows("range(1000, 1100) r(i)", "i"));
            assertThat(step(hygge, source, plain, false).get(0).rowsRead()).as("only the new rows").isEqualTo(100);

            assertThat(step(hygge, source, plain, false).get(0).rowsRead()).as("nothing new").isZero();

            file(source, "c.parquet", rows("range(1100, 1110) r(i)", "1095 + i % 5"));     // committed late, below the watermark
            FlowResult lateRun = step(hygge, source, late.apply(plain), false).get(0);
            assertThat(lateRun.rowsRead()).isEqualTo(lookback.isEmpty() ? 0 : 5 + 10);

            file(source, "d.parquet", rows("range(1110, 1120) r(i)", "CASE WHEN i % 2 = 0 THEN NULL ELSE i + 100 END"));
            FlowResult nulls = step(hygge, source, plain, false).get(0);
            assertThat(nulls.watermark().orElseThrow().nullRows()).isEqualTo(5);
            assertThat(nulls.rowsRead()).isEqualTo(includeNulls ? 10 : 5);

            assertThat(step(hygge, source, plain, false).get(0).rowsRead()).as("the NULL rows again, if loaded")
                    .isEqualTo(includeNulls ? 5 : 0);
        }
    }

    @Test
    void theIncrementalFlowsPlanShowsTheInEnginePathAndTheWatermark() throws Exception {
        Path source = Files.createDirectories(dir.resolve("landing"));
        file(source, "a.parquet", rows("range(0, 10) r(i)", "i"));
        Path database = dir.resolve("p.duckdb");
        DuckDb.execute(database, "SELECT 1");
        try (Hygge hygge = runtime()) {
            Flow flow = flow(hygge, source, database, Incremental.on("ts_ns").primaryKey("id"), false, false);
            assertThat(hygge.plan(flow).path()).hasValue(
                    "in-engine (duckdb): the Home and the Store both run on duckdb, which tracks the watermark 'ts_ns'");
        }
    }
}
