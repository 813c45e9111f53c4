package dev.hygge.spi;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Where data lives. A Home describes its rows as one or more {@link Split splits} and opens an
 * Arrow {@link ArrowReader} for each.
 *
 * <pre>{@code
 * try (Home home = factory.create(options, context)) {
 *     for (Split split : home.splits()) {
 *         try (ArrowReader reader = home.open(split, allocator)) {
 *             while (reader.loadNextBatch()) { ... reader.getVectorSchemaRoot() ... }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Every split's reader yields the same schema. {@link #open} may be called from several
 * threads at once, one reader per split. Errors are {@link dev.hygge.spi.HomeException}s that name
 * the file, table or query and the reason.
 *
 * @since 0.1
 */
public interface Home extends AutoCloseable {

    /** A name for logs: the path, table or query. */
    String describe();

    /** The splits, in a stable order; at least one (a Home with no rows offers one empty split). */
    List<Split> splits();

    /**
     * Opens a reader over one split. All buffers come from {@code allocator}; the caller closes
     * the reader.
     */
    ArrowReader open(Split split, BufferAllocator allocator);

    /** Releases what the Home holds; idempotent. */
    @Override
    default void close() {}
}
