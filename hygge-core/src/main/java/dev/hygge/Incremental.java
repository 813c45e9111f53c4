package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Watermark;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The watermark of a flow: the column an incremental run reads past, the key a merging Store
 * deduplicates on, how far back it re-reads for late rows, and whether rows whose column is NULL
 * are loaded. Immutable; each {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * hygge.flow("orders").from("duckdb", home).to("duckdb", store)
 *         .incremental(Incremental.on("updated_at").primaryKey("order_id").lookback(Duration.ofHours(2)))
 *         .run();
 * }</pre>
 *
 * @param column the watermark column ({@code watermark_column}): rows strictly greater than the last
 *     committed value are read
 * @param primaryKey the columns identifying a row ({@code primary_key}); a Store that merges needs them
 * @param lookback how far before the last watermark to re-read ({@code lookback}: a duration for
 *     dates and timestamps, a count for integers)
 * @param includeNulls whether rows whose watermark is NULL are loaded ({@code include_nulls}); they are
 *     counted and reported either way
 */
public record Incremental(String column, List<String> primaryKey, Optional<Watermark.Lookback> lookback,
                          boolean includeNulls) {
    public Incremental {
        requireNonNull(column, "column is null");
        requireNonNull(primaryKey, "primaryKey is null");
        requireNonNull(lookback, "lookback is null");
        if (column.isBlank()) {
            throw new IllegalArgumentException("the watermark column is blank");
        }
        primaryKey = List.copyOf(primaryKey);
    }

    /** A watermark on {@code column}: no primary key, no lookback, NULLs counted but not loaded. */
    public static Incremental on(String column) {
        return new Incremental(column, List.of(), Optional.empty(), false);
    }

    public Incremental primaryKey(String... columns) {
        return new Incremental(column, List.of(columns), lookback, includeNulls);
    }

    public Incremental primaryKey(List<String> columns) {
        return new Incremental(column, columns, lookback, includeNulls);
    }

    /** Re-reads this much time before the last watermark (a date or timestamp column). */
    public Incremental lookback(Duration window) {
        return new Incremental(column, primaryKey, Optional.of(Watermark.Lookback.of(window)), includeNulls);
    }

    /** Re-reads this many values before the last watermark (an integer column). */
    public Incremental lookback(long values) {
        return new Incremental(column, primaryKey, Optional.of(Watermark.Lookback.of(values)), includeNulls);
    }

    public Incremental lookback(Optional<Watermark.Lookback> window) {
        return new Incremental(column, primaryKey, window, includeNulls);
    }

    /** Loads rows whose watermark is NULL on every run (best with a Store that merges on the primary key). */
    public Incremental includeNulls(boolean include) {
        return new Incremental(column, primaryKey, lookback, include);
    }
}
