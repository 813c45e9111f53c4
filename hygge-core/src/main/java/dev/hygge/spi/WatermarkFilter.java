package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;

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

    /**
     * The kind of watermark the column holds, read as Arrow {@code type}, checked against the committed one
     * ({@link #checkKind}).
     *
     * @param where the Home, for messages
     * @param name the column as the Home names it
     * @param sourceType the column's type in the source's own words ({@code datetime2}, {@code TIMESTAMP_NS})
     * @param choose the kinds of column the source can compare, for the message ({@code "integer, date or text"})
     * @throws HomeException when a column of that type cannot be a watermark, or the committed watermark is of
     *     another kind
     */
    public Watermark.Kind kindOf(String where, String name, ArrowType type, String sourceType, String choose) {
        Watermark.Kind kind = Watermark.Kind.of(type).orElseThrow(() -> new HomeException(where + ": the watermark column '"
                + name + "' is " + sourceType + ", which cannot be compared as a watermark; choose an " + choose + " column"));
        checkKind(where, name, kind);
        return kind;
    }

    /**
     * Checks that the committed watermark, if any, is of the {@code kind} the column holds now.
     *
     * @throws HomeException naming the column, both kinds and what to do, when they differ (the column's type changed)
     */
    public void checkKind(String where, String name, Watermark.Kind kind) {
        if (after.isPresent() && after.get().kind() != kind) {
            throw new HomeException(where + ": the watermark column '" + name + "' holds " + kind
                    + " values now, but the committed watermark " + after.get().text() + " is a " + after.get().kind()
                    + "; the column's type changed: run once with --full-drop to start again");
        }
    }

    /** Whether every row passes (the first run, NULLs included): a Home need not filter at all. */
    public boolean passesAll() {
        return after.isEmpty() && includeNulls;
    }
}
