package dev.hygge.spi;

/**
 * Where data should rest. A Store {@linkplain #begin begins} a {@link StoreWrite} for a schema;
 * the write consumes one or more streams and is then committed once or aborted. What a commit
 * guarantees is stated by each Store (a file store: files appear only at commit; a table store:
 * its write strategy).
 *
 * @since 0.1
 */
public interface Store extends AutoCloseable {

    /** A name for logs: the path or table. */
    String describe();

    /**
     * How many streams one write accepts at once. The engine never feeds more streams than
     * this concurrently. Default 1.
     */
    default int maxStreams() {
        return 1;
    }

    /**
     * How many leading rows the Store wants to see before {@link #begin} (for schema inference).
     * When above 0 the engine reads that many rows of the first stream, hands them to
     * {@code begin} in {@link WriteRequest#sample()}, and then replays them to the write, so
     * nothing is read twice or lost. The engine stops early, after the batch that passes 256 MB,
     * so wide rows never hold a table's worth of memory. Default 0.
     */
    default long sampleRows() {
        return 0;
    }

    /**
     * When above 0, the sample handed to {@link #begin} is the first that many batches, however
     * many rows they hold ({@code sample_batches}), instead of {@link #sampleRows()} rows. Default 0.
     */
    default int sampleBatches() {
        return 0;
    }

    /**
     * Whether a write of {@code request} (whose {@link WriteRequest#sample()} is still empty)
     * wants the sample of {@link #sampleRows()} / {@link #sampleBatches()} read before it begins.
     * A Store whose destination already holds a column for every field of the request's schema,
     * and that checks each batch against those columns as it loads, can say no: the write then
     * begins at once, with an empty sample, and no rows are held back for inference (an
     * incremental append into an existing table). Default: true.
     *
     * @since 0.2
     */
    default boolean needsSample(WriteRequest request) {
        return true;
    }

    /** Begins a write. Nothing is visible to readers of the destination until {@link StoreWrite#commit()}. */
    StoreWrite begin(WriteRequest request);

    /** Releases what the Store holds; idempotent. */
    @Override
    default void close() {}
}
