package dev.hygge.spi;

import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A {@link Home} that reads only what changed since a watermark, pushing the predicate down to
 * where the rows are (a SQL {@code WHERE} on the table and on each split, a parquet scan that
 * skips files and row groups by their statistics). Its factory implements
 * {@link HomeFactory.ReadsIncrementally}, so {@code hygge validate} can refuse
 * {@code run_type: incremental} for a Home that cannot.
 *
 * <pre>{@code
 * if (home instanceof SupportsIncremental incremental) {
 *     Field column = incremental.column("updated_at").orElseThrow(...);   // before any row is read
 *     incremental.restrict(new WatermarkFilter("updated_at", Optional.of(last), false));
 * }
 * List<Split> splits = home.splits();                                        // already narrowed
 * }</pre>
 *
 * @since 0.1
 */
public interface SupportsIncremental {
    /**
     * The column named {@code name} as this Home reads it (its Arrow field, so the engine can tell
     * whether it can be a watermark), or empty when the Home has no such column. Reads metadata
     * only: no row is read.
     */
    Optional<Field> column(String name);

    /**
     * From now on, {@link Home#splits()} and {@link Home#open} yield only the rows {@code filter}
     * passes. Called at most once, before {@link Home#splits()}.
     *
     * @throws HomeException when the predicate cannot be applied (the column's type cannot be
     *     compared with the watermark's kind)
     */
    void restrict(WatermarkFilter filter);
}
