package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Watermark;
import java.util.Optional;

/**
 * What a run of a flow with a watermark did with it.
 *
 * <pre>{@code
 * FlowResult r = hygge.run(flow);
 * r.watermark().get().previous();   // Optional[2026-12-01T10:00] : the run read rows after this (minus the lookback)
 * r.watermark().get().committed();  // Optional[2026-12-01T11:30] : the greatest value now committed
 * r.watermark().get().nullRows();   // 3 rows whose updated_at is NULL (loaded only with include_nulls)
 * }</pre>
 *
 * @param column the watermark column
 * @param runType how the run loaded (a full run of a flow with a watermark commits one too)
 * @param previous the watermark the run started from; empty on a first or a full run
 * @param committed the watermark committed with the data: the greater of {@code previous} and the
 *     greatest value read; empty when nothing was ever read
 * @param source where {@code previous} came from: {@code store} (committed with the data),
 *     {@code journal}, or {@code none}
 * @param nullRows rows the Home gave whose watermark is NULL
 * @param nullsLoaded whether those rows were written ({@code include_nulls}, or a full run)
 */
public record WatermarkRun(String column, RunType runType, Optional<Watermark> previous, Optional<Watermark> committed,
                           String source, long nullRows, boolean nullsLoaded) {
    public WatermarkRun {
        requireNonNull(column, "column is null");
        requireNonNull(runType, "runType is null");
        requireNonNull(previous, "previous is null");
        requireNonNull(committed, "committed is null");
        requireNonNull(source, "source is null");
    }

    /** The NULL-watermark report every incremental run gives, for logs and the journal. */
    public String nullReport() {
        return nullRows + " row" + (nullRows == 1 ? "" : "s") + " with a NULL " + column
                + (nullRows == 0 ? "" : nullsLoaded ? " (loaded: include_nulls)" : " (not loaded; set include_nulls: true to load them)");
    }
}
