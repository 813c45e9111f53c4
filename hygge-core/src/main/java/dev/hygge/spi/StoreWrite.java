package dev.hygge.spi;

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

    /** Discards everything consumed; the destination stays as it was. Idempotent; never throws for a second call. */
    void abort();

    /** Aborts unless committed; idempotent. */
    @Override
    void close();
}
