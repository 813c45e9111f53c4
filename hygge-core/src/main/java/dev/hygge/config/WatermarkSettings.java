package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Watermark;
import java.util.List;
import java.util.Optional;

/**
 * A flow's {@code watermark:} as the project resolved it (an entity's keys over its flow's).
 *
 * <pre>{@code
 * watermark:
 *   watermark_column: updated_at      # rows strictly greater than the last committed value are read
 *   primary_key: order_id             # or a list; a Store that merges needs it
 *   lookback: 2h                      # re-read late rows: a duration (2h, 3d) for dates and times, a count (1000) for integers
 *   include_nulls: false              # rows whose updated_at is NULL: counted and reported; loaded only when true
 * }</pre>
 *
 * @param column the watermark column; empty is a problem for an incremental flow
 * @param primaryKey the key columns, empty when none
 * @param lookback the window re-read before the last watermark
 * @param includeNulls whether rows with a NULL watermark are loaded
 * @param origin where {@code watermark:} was written
 */
public record WatermarkSettings(Optional<String> column, List<String> primaryKey, Optional<Watermark.Lookback> lookback,
                                boolean includeNulls, Origin origin) {
    public WatermarkSettings {
        requireNonNull(column, "column is null");
        requireNonNull(lookback, "lookback is null");
        requireNonNull(origin, "origin is null");
        primaryKey = List.copyOf(primaryKey);
    }
}
