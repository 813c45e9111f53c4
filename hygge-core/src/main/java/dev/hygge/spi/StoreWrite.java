package dev.hygge.spi;

import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One write into a Store: {@link #consume} one or more streams (up to {@link Store#maxStreams()}
 * of them concurrently, from different threads), then {@link #commit()} once, or
 * {@link #abort()}. {@link #close()} after neither commit nor abort aborts.
 *
 * @since 0.1
 */
public interface StoreWrite extends AutoCloseable {

    /**
     * Writes every batch of {@code stream} until it ends and returns the number of rows written.
     * The write owns the batches it loads; it does not close the stream.
     */
    long consume(ArrowReader stream) throws Exception;

    /** Makes everything consumed visible, at once where the Store can. Called once. */
    void commit() throws Exception;

    /**
     * Commits as {@link #commit()} and, in the same transaction or commit, the named values of
     * {@code state} (a Store that {@link SupportsState keeps state} overrides this). The engine
     * calls it instead of {@link #commit()} when it has state to keep; a Store that keeps none
     * refuses rather than commit the data without it. The values belong to this write's
     * destination: {@link SupportsState#committedState} with the request's flow and entity reads
     * them back.
     *
     * @since 0.1
     */
    default void commit(Map<String, String> state) throws Exception {
        if (!state.isEmpty()) {
            throw new StoreException("This Store cannot keep state with its data (it does not implement SupportsState);"
                    + " nothing was committed");
        }
        commit();
    }

    /** Discards everything consumed; the destination stays as it was. Idempotent; never throws for a second call. */
    void abort();

    /** Aborts unless committed; idempotent. */
    @Override
    void close();
}
