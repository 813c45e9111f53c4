package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A folder of CSV or NDJSON files read incrementally: each run reads only the rows after the watermark, at full precision. */
class TextIncrementalTest {
    @TempDir
    Path dir;

    private FlowResult run(Hygge hygge, Path source, String format, Path target) {
        return hygge.run(hygge.flow("events").from("parquet", Map.of("path", source.toString(), "format", format,
                        "format_options", Map.of("types", Map.of("changed", "TIMESTAMP"))))
                .to("parquet", Map.of("path", target.toString(), "if_exists", "replace"))
                .incremental(Incremental.on("changed")).retryDelay(Duration.ZERO).build());
    }

    private static void source(Path file, String format, long first, long count) {
        DuckDbCheck.execute("COPY (SELECT range AS id, TIMESTAMP '2026-01-01 10:00:00' + to_microseconds(range) AS changed FROM range("
                + first + ", " + (first + count) + ")) TO '" + file + "' (FORMAT " + (format.equals("csv") ? "csv, HEADER" : "json") + ")");
    }

    @ParameterizedTest
    @CsvSource({"csv", "ndjson"})
    void eachRunReadsOnlyTheRowsAfterTheWatermark(String format) throws Exception {
        Path source = Files.createDirectories(dir.resolve("source-" + format));
        Path target = dir.resolve("target-" + format);
        source(source.resolve("a." + format), format, 0, 1_000);
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            FlowResult first = run(hygge, source, format, target);
            assertThat(first.succeeded()).as("%s", first.error()).isTrue();
            assertThat(first.rowsRead()).isEqualTo(1_000);
            FlowResult nothing = run(hygge, source, format, target);
            assertThat(nothing.succeeded()).as("%s", nothing.error()).isTrue();
            assertThat(nothing.rowsRead()).isZero();
            source(source.resolve("b." + format), format, 1_000, 500);
            FlowResult second = run(hygge, source, format, target);
            assertThat(second.succeeded()).as("%s", second.error()).isTrue();
            assertThat(second.rowsRead()).as("only the new rows, a microsecond apart").isEqualTo(500);
        }
        assertThat(DuckDbCheck.query("SELECT count(*), count(DISTINCT id), max(id) FROM '" + target + "/*.parquet'"))
                .containsExactly(List.of(1_500L, 1_500L, 1_499L));
    }
}
