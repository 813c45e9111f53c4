package dev.hygge.testkit;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A real Store whose writes commit {@code state} with their data ({@link StoreWrite#commit(Map)})
 * and, when asked, are incremental ({@link WriteRequest#incremental()}): what the engine does for
 * an incremental flow, so a Store's own tests check the Store's half of the promise through a flow
 * run like any other. The Store is not closed by the flow; the caller closes it.
 *
 * <pre>{@code
 * try (Store store = factory.create(options, hygge.context())) {
 *     hygge.flow("f").from(home).to(new StateKeepingStore(store, Map.of("watermark", "42"), true)).run();
 * }
 * }</pre>
 */
public record StateKeepingStore(Store store, Map<String, String> state, boolean incremental) implements Store {
    public StateKeepingStore {
        requireNonNull(store, "store is null");
        state = Map.copyOf(state);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public int maxStreams() {
        return store.maxStreams();
    }

    @Override
    public long sampleRows() {
        return store.sampleRows();
    }

    @Override
    public int sampleBatches() {
        return store.sampleBatches();
    }

    @Override
    public boolean needsSample(WriteRequest request) {
        return store.needsSample(asked(request));
    }

    /** The request as the wrapped Store sees it: incremental when this Store is. */
    private WriteRequest asked(WriteRequest request) {
        return new WriteRequest(request.flow(), request.entity(), request.schema(), request.streams(),
                request.sample(), request.runId(), request.lockWait(), incremental || request.incremental());
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        StoreWrite write = store.begin(asked(request));
        return new StoreWrite() {
            @Override
            public long consume(ArrowReader stream) throws Exception {
                return write.consume(stream);
            }

            @Override
            public void commit() throws Exception {
                write.commit(state);
            }

            @Override
            public void commit(Map<String, String> ignored) throws Exception {
                write.commit(state);
            }

            @Override
            public void abort() {
                write.abort();
            }

            @Override
            public void close() {
                write.close();
            }
        };
    }
}
