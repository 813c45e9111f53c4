package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The watermark of an incremental flow, tracked inside the engine when the rows move there
 * ({@link SupportsEngineWrite.EngineWrite#load(EngineRelation, EngineWatermark, SupportsEngineWrite.Progress)}):
 * the Store loads the relation's rows, leaving out those whose {@code column} is NULL unless
 * {@code loadNulls}, and reports what the Arrow path reads off its batches: the greatest value of
 * the column, and how many rows hold NULL in it, over the very rows of the load (one snapshot).
 *
 * <pre>{@code
 * EngineWatermark.Seen seen = write.load(relation, new EngineWatermark("updated_at", false), progress);
 * seen.greatest();   // Optional[2026-12-01T11:30:00.123456789], read as the Arrow path reads it
 * seen.nullRows();   // 3: counted, not loaded
 * }</pre>
 *
 * @param column the watermark column, as the relation's schema names it
 * @param loadNulls whether rows whose {@code column} is NULL are loaded ({@code include_nulls}, or a full run)
 * @since 0.4
 */
public record EngineWatermark(String column, boolean loadNulls) {
    public EngineWatermark {
        requireNonNull(column, "column is null");
    }

    /**
     * What one load saw.
     *
     * @param rows the rows of the relation, NULL watermarks included, as the engine counted them
     * @param written the rows the Store loaded: {@code rows}, less {@code nullRows} unless they are loaded
     * @param greatest the greatest non-NULL value of the column, as {@link WatermarkValues#read} reads it
     *     from the engine's Arrow export of that value; empty when every row's is NULL or there is no row
     * @param nullRows the rows whose column is NULL
     */
    public record Seen(long rows, long written, Optional<Watermark> greatest, long nullRows) {
        public Seen {
            requireNonNull(greatest, "greatest is null");
        }
    }
}
