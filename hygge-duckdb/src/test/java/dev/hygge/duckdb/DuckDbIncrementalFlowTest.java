package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.spi.Watermark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duckdb Home read incrementally by the engine, run after run, into a DuckDB table that merges
 * on the key: the pushdown reads only the rows after the committed watermark (to the nanosecond),
 * a lookback window finds rows committed late, and the merge keeps one row per key.
 */
class DuckDbIncrementalFlowTest {
    @TempDir
    Path dir;

    private static final String AT = "TIMESTAMP_NS '2024-01-01 10:00:00.00000000";

    private FlowResult run(Hygge hygge, Path source, Path target, Incremental spec) {
        return hygge.run(hygge.flow("events").from("duckdb", Map.of("path", source.toString(), "table", "events"))
                .to("duckdb", Map.of("path", target.toString(), "table", "events", "write_strategy", "merge", "keys", List.of("id")))
                .incremental(spec).retryDelay(Duration.ZERO).build());
    }

    @Test
    void runAfterRunOnlyNewRowsAreReadAndALookbackFindsLateOnes() {
        Path source = dir.resolve("source.duckdb");
        Path target = dir.resolve("target.duckdb");
        DuckDb.execute(source, "CREATE TABLE events (id BIGINT, changed TIMESTAMP_NS, v VARCHAR)",
                "INSERT INTO events VALUES (1, " + AT + "1', 'a'), (2, " + AT + "2', 'b'), (3, " + AT + "3', 'c')");
        Incremental plain = Incremental.on("changed").primaryKey("id");
        try (Hygge hygge = DuckDb.runtime()) {
            FlowResult first = run(hygge, source, target, plain);
            assertThat(first.succeeded()).as("%s", first.error()).isTrue();
            assertThat(first.rowsRead()).isEqualTo(3);
            assertThat(first.watermark().get().committed()).contains(Watermark.of(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 3)));

            FlowResult nothing = run(hygge, source, target, plain);
            assertThat(nothing.rowsRead()).as("nothing new: the row at the watermark itself is not read again").isZero();

            DuckDb.execute(source, "INSERT INTO events VALUES (4, " + AT + "4', 'd')",
                    "INSERT INTO events VALUES (5, " + AT + "2', 'late')",     // committed late, below the watermark
                    "UPDATE events SET changed = " + AT + "5', v = 'c2' WHERE id = 3");
            FlowResult second = run(hygge, source, target, plain);
            assertThat(second.rowsRead()).as("ids 4 and 3 (moved on); the late row is below the watermark").isEqualTo(2);
            assertThat(DuckDb.query(target, "SELECT id, v FROM events ORDER BY id"))
                    .containsExactly(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c2"), List.of(4L, "d"));

            DuckDb.execute(source, "INSERT INTO events VALUES (6, " + AT + "4', 'late too')");
            FlowResult lookback = run(hygge, source, target, plain.lookback(Duration.ofNanos(4)));
            assertThat(lookback.succeeded()).as("%s", lookback.error()).isTrue();
            assertThat(lookback.rowsRead()).as("changed > ...05 - 4 ns = ...01: ids 2 and 5 (late), 4 and 6 (late), 3 again").isEqualTo(5);
            assertThat(DuckDb.query(target, "SELECT id, v FROM events ORDER BY id")).as("merged: one row per key")
                    .containsExactly(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c2"), List.of(4L, "d"), List.of(5L, "late"),
                            List.of(6L, "late too"));
        }
    }
}
