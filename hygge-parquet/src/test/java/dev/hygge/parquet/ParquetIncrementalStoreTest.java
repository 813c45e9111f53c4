package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.Watermark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parquet folder read incrementally by the engine into a parquet Store that says
 * {@code if_exists: replace}: each run adds only the new rows' files, and the watermark the next
 * run starts from is the one committed with them, in the folder's {@code _hygge_state.json}.
 */
class ParquetIncrementalStoreTest {
    @TempDir
    Path dir;

    private static final String AT = "TIMESTAMP '2026-01-01 10:00:00' + to_microseconds(";

    private FlowResult run(Hygge hygge, Path source, Path target) {
        return hygge.run(hygge.flow("events").from("parquet", Map.of("path", source.toString()))
                .to("parquet", Map.of("path", target.toString(), "if_exists", "replace"))
                .incremental(Incremental.on("changed")).retryDelay(Duration.ZERO).build());
    }

    private static void source(Path file, long first, long count) {
        DuckDbCheck.execute("COPY (SELECT range AS id, " + AT + "range) AS changed FROM range(" + first + ", " + (first + count)
                + ")) TO '" + file + "' (FORMAT parquet)");
    }

    @Test
    void eachRunAddsOnlyTheNewRowsAndKeepsItsWatermarkWithThem() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path target = dir.resolve("target");
        source(source.resolve("a.parquet"), 0, 1_000);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            FlowResult first = run(hygge, source, target);
            assertThat(first.succeeded()).as("%s", first.error()).isTrue();
            assertThat(first.rowsRead()).isEqualTo(1_000);
            assertThat(target.resolve(StateFile.NAME)).exists();

            FlowResult nothing = run(hygge, source, target);
            assertThat(nothing.succeeded()).as("%s", nothing.error()).isTrue();
            assertThat(nothing.rowsRead()).as("two runs in a row: nothing new is read").isZero();

            source(source.resolve("b.parquet"), 1_000, 500);
            FlowResult second = run(hygge, source, target);
            assertThat(second.rowsRead()).as("only the new rows").isEqualTo(500);
            assertThat(second.watermark().get().committed())
                    .contains(Watermark.of(LocalDateTime.of(2026, 1, 1, 10, 0, 0).plusNanos(1_499_000)));

            try (ParquetStore store = (ParquetStore) ParquetStateTest.store(hygge, Map.of("path", target.toString()))) {
                assertThat(((SupportsState) store).committedState("events", Optional.empty(), "hygge.watermark"))
                        .hasValueSatisfying(kept -> assertThat(kept).contains("changed").contains("10:00:00.001499"));
            }
        }
        assertThat(DuckDbCheck.query("SELECT count(*), count(DISTINCT id), max(id) FROM '" + target + "/*.parquet'"))
                .containsExactly(List.of(1_500L, 1_500L, 1_499L));
        assertThat(target.resolve(Staging.ROOT)).doesNotExist();
    }
}
