package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Flow;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.spi.SupportsState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An incremental flow from parquet files into this Store's parquet files, on the in-engine path
 * (DuckDB's {@code COPY} beside the watermark aggregate, {@link RelationCopy}) and on the Arrow path
 * ({@code arrowPath(true)}), step by step: a full run, new rows, nothing new, late rows found by a
 * lookback, rows whose watermark is NULL. After every step both folders hold the same files and
 * rows (one stream, so that the Arrow path's files do not depend on which stream took which split),
 * keep the same watermark state with them, and both runs report the same rows, watermarks and
 * NULL counts; for every kind of watermark column.
 */
class ParquetEnginePathIncrementalTest {
    /** Rows {@code ids} of one file; every watermark column grows with {@code t}, NULL where {@code t} is. */
    private static String rows(String ids, String t) {
        return "SELECT id, t AS i64, make_timestamp_ns(1700000000000000000 + t * 1000000007) AS ts_ns,"
                + " make_timestamptz(1700000000000000 + t * 1000003) AS ts_utc, DATE '2020-01-01' + t::INTEGER AS day,"
                + " (t / 1000)::DECIMAL(18,3) AS dec, 'k' || lpad(t::VARCHAR, 8, '0') || ' ø' AS str, 'v' || id AS v"
                + " FROM (SELECT i AS id, " + t + " AS t FROM " + ids + ")";
    }

    @TempDir
    Path dir;

    private void file(Path source, String name, String sql) {
        DuckDbCheck.execute("COPY (" + sql + ") TO '" + source.resolve(name) + "' (FORMAT parquet, ROW_GROUP_SIZE 500)");
    }

    private static Flow flow(Hygge hygge, Path source, Path target, Incremental spec, boolean arrow, boolean full) {
        Flow.Builder builder = hygge.flow("events").from("parquet", Map.of("path", source.toString(), "split_rows", 400))
                .to("parquet", Map.of("path", target.toString())).incremental(spec).arrowPath(arrow).retries(0)
                // one stream: the Arrow path's streams take splits as they come, so which of two writes a file is timing
                .parallelism(1);
        return (full ? builder.fullDrop() : builder).build();
    }

    private static Optional<String> state(Hygge hygge, Path target) {
        try (ParquetStore store = (ParquetStore) ParquetStateTest.store(hygge, Map.of("path", target.toString()))) {
            return ((SupportsState) store).committedState("events", Optional.empty(), "hygge.watermark");
        }
    }

    /** One step on both paths: the same rows read and written, the same watermark run, the same files and state. */
    private FlowResult step(Hygge hygge, Path source, Incremental spec, boolean full) {
        List<FlowResult> results = new ArrayList<>();
        Path engine = dir.resolve("engine");
        Path arrow = dir.resolve("arrow");
        for (Path target : List.of(engine, arrow)) {
            Flow flow = flow(hygge, source, target, spec, target == arrow, full);
            assertThat(hygge.plan(flow).path().orElseThrow())
                    .startsWith(target == arrow ? "arrow batches: asked for" : "in-engine (duckdb): ");
            FlowResult result = hygge.run(flow);
            assertThat(result.succeeded()).as("%s: %s", target, result.error()).isTrue();
            results.add(result);
        }
        FlowResult e = results.get(0);
        FlowResult a = results.get(1);
        assertThat(e.rowsRead()).isEqualTo(a.rowsRead());
        assertThat(e.rowsWritten()).isEqualTo(a.rowsWritten());
        assertThat(e.watermark()).isEqualTo(a.watermark()).isPresent();
        assertThat(e.warnings()).isEqualTo(a.warnings());
        assertThat(state(hygge, engine)).isEqualTo(state(hygge, arrow)).isPresent();
        assertThat(ParquetStore.dataFiles(engine).stream().map(p -> engine.relativize(p).toString()).toList())
                .isEqualTo(ParquetStore.dataFiles(arrow).stream().map(p -> arrow.relativize(p).toString()).toList());
        String left = "read_parquet('" + engine + "/*.parquet')";
        String right = "read_parquet('" + arrow + "/*.parquet')";
        assertThat(DuckDbCheck.query("DESCRIBE SELECT * FROM " + left)).isEqualTo(DuckDbCheck.query("DESCRIBE SELECT * FROM " + right));
        for (String[] pair : List.of(new String[] {left, right}, new String[] {right, left})) {
            assertThat(DuckDbCheck.query("SELECT count(*) FROM (SELECT * FROM " + pair[0] + " EXCEPT ALL SELECT * FROM " + pair[1]
                    + ")")).containsExactly(List.of(0L));
        }
        return e;
    }

    @ParameterizedTest(name = "{0}, lookback {1}, include_nulls {2}")
    @CsvSource({
        "i64, 5, true",
        "ts_ns, PT5.000000035S, false",
        "ts_utc, PT5.000015S, false",
        "day, P5D, true",
        "dec, '', false",
        "str, '', true",
    })
    void anIncrementalSequenceGivesTheSameFilesWatermarksAndNullCountsOnBothPaths(String column, String lookback,
                                                                                boolean includeNulls) throws Exception {
        Path source = Files.createDirectories(dir.resolve("landing"));
        Incremental plain = Incremental.on(column).includeNulls(includeNulls);
        UnaryOperator<Incremental> late = lookback.isEmpty() ? s -> s
                : lookback.startsWith("P") ? s -> s.lookback(Duration.parse(lookback)) : s -> s.lookback(Long.parseLong(lookback));
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            file(source, "a.parquet", rows("range(0, 1000) r(i)", "i"));
            assertThat(step(hygge, source, plain, true).rowsRead()).isEqualTo(1000);

            file(source, "b.parquet", rows("range(1000, 1100) r(i)", "i"));
            assertThat(step(hygge, source, plain, false).rowsRead()).as("only the new rows").isEqualTo(100);

            assertThat(step(hygge, source, plain, false).rowsRead()).as("nothing new").isZero();

            file(source, "c.parquet", rows("range(1100, 1110) r(i)", "1095 + i % 5"));     // committed late, below the watermark
            assertThat(step(hygge, source, late.apply(plain), false).rowsRead()).isEqualTo(lookback.isEmpty() ? 0 : 5 + 10);

            file(source, "d.parquet", rows("range(1110, 1120) r(i)", "CASE WHEN i % 2 = 0 THEN NULL ELSE i + 100 END"));
            FlowResult nulls = step(hygge, source, plain, false);
            assertThat(nulls.watermark().orElseThrow().nullRows()).isEqualTo(5);
            assertThat(nulls.rowsRead()).isEqualTo(includeNulls ? 10 : 5);
        }
    }

    @Test
    void anIncrementalCopyPlansTheInEnginePath() throws Exception {
        Path source = Files.createDirectories(dir.resolve("landing"));
        file(source, "a.parquet", rows("range(0, 10) r(i)", "i"));
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(hygge.plan(flow(hygge, source, dir.resolve("out"), Incremental.on("day"), false, false)).path()).hasValue(
                    "in-engine (duckdb): the Home and the Store both run on duckdb, which tracks the watermark 'day'");
        }
    }
}
