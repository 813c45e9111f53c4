package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.FlowLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a flow of a project runs, beyond its Home and Store: full or incremental (entity over flow
 * over project {@code run_type}, a Store's own {@code incremental:} over that, {@code hygge start
 * --incremental | --full-drop} over everything), its watermark, its retries and its journal.
 *
 * @param incremental whether it runs {@code run_type: incremental}
 * @param runTypeOrigin where the run type was decided (the flow's line when by default)
 * @param watermark its {@code watermark:}, when it has one
 * @param retries times a transient fault is retried ({@code retries}, default 3)
 * @param retryDelay the first wait between attempts ({@code retry_delay}, default 2s, doubling)
 * @param journal the journal file its runs are recorded in: the {@code journal:} setting, or for a
 *     flow with a watermark the default ({@code <store path>/.hygge_journal/journal.parquet}, else
 *     {@code <project>/.hygge/journal/journal.parquet}); empty when neither
 */
public record RunSettings(boolean incremental, Origin runTypeOrigin, Optional<WatermarkSettings> watermark, int retries,
                          Duration retryDelay, Optional<Path> journal) {
    public RunSettings {
        requireNonNull(runTypeOrigin, "runTypeOrigin is null");
        requireNonNull(watermark, "watermark is null");
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(journal, "journal is null");
    }

    /** A full run, no watermark, the default retries, no journal. */
    public static RunSettings defaults(Origin origin) {
        return new RunSettings(false, origin, Optional.empty(), FlowLimits.RETRIES.defaultValue(), FlowLimits.RETRY_DELAY,
                Optional.empty());
    }

    /** These settings with the run type decided otherwise (a command line's {@code --incremental}). */
    public RunSettings withIncremental(boolean incremental) {
        return new RunSettings(incremental, runTypeOrigin, watermark, retries, retryDelay, journal);
    }
}
