package dev.hygge.testkit;

import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A Store whose writes consume each stream with {@code consume} (returning the rows it took) and
 * whose commit, abort and close do nothing: for tests that look at the batches a Store is given.
 *
 * <pre>{@code
 * Store sizes = new ConsumingStore("sizes", 1, stream -> { long n = 0; while (stream.loadNextBatch()) n += ...; return n; });
 * }</pre>
 */
public record ConsumingStore(String describe, int maxStreams, Consume consume) implements Store {
    /** What a write does with one stream. */
    public interface Consume {
        long apply(ArrowReader stream) throws Exception;
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        return new StoreWrite() {
            @Override
            public long consume(ArrowReader stream) throws Exception {
                return consume.apply(stream);
            }

            @Override
            public void commit() {}

            @Override
            public void abort() {}

            @Override
            public void close() {}
        };
    }
}
