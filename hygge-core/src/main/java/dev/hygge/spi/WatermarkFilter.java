package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The rows an incremental read takes: those whose {@code column} is strictly greater than
 * {@code after} (every row when {@code after} is empty: the first run), plus the rows where it is
 * NULL when {@code includeNulls}. A lookback window is already applied to {@code after} by the
 * engine ({@link Watermark#minus}); a Home only compares.
 *
 * <p>A SQL Home adds {@code WHERE (column > ?) [OR column IS NULL]} with {@code after} bound as a
 * parameter of the column's SQL type (never spliced into the text), to the table read and to each
 * of its splits; a file Home filters inside the scan.
 *
 * @param column the watermark column, as the Home names it
 * @since 0.1
 */
public record WatermarkFilter(String column, Optional<Watermark> after, boolean includeNulls) {
    public WatermarkFilter {
        requireNonNull(column, "column is null");
        requireNonNull(after, "after is null");
        if (column.isBlank()) {
            throw new IllegalArgumentException("the watermark column is blank");
        }
    }

    /** Whether every row passes (the first run, NULLs included): a Home need not filter at all. */
    public boolean passesAll() {
        return after.isEmpty() && includeNulls;
    }
}
