package dev.hygge.testkit;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A Store that keeps every row as Java values ({@link TestBatches#rows}); rows become visible in
 * {@link #committed()} only at commit. It can fail after a number of rows, to test aborts.
 */
public final class CollectingStore implements Store {
    private final int maxStreams;
    private final long failAfterRows;
    private final long sampleRows;
    private final List<List<Object>> committed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger writesClosed = new AtomicInteger();
    private volatile WriteRequest lastRequest;
    private volatile int sampledRows;
    private volatile boolean closed;

    public CollectingStore(int maxStreams) {
        this(maxStreams, -1, 0);
    }

    /**
     * @param failAfterRows throw a {@link StoreException} once this many rows were consumed (-1: never)
     * @param sampleRows rows to ask for before begin
     */
    public CollectingStore(int maxStreams, long failAfterRows, long sampleRows) {
        this.maxStreams = maxStreams;
        this.failAfterRows = failAfterRows;
        this.sampleRows = sampleRows;
    }

    @Override
    public String describe() {
        return "collecting store";
    }

    @Override
    public int maxStreams() {
        return maxStreams;
    }

    @Override
    public long sampleRows() {
        return sampleRows;
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        lastRequest = request;
        sampledRows = request.sample().stream().mapToInt(VectorSchemaRoot::getRowCount).sum();
        List<List<Object>> pending = Collections.synchronizedList(new ArrayList<>());
        return new StoreWrite() {
            private boolean done;

            @Override
            public long consume(ArrowReader stream) throws Exception {
                long rows = 0;
                while (stream.loadNextBatch()) {
                    VectorSchemaRoot root = stream.getVectorSchemaRoot();
                    pending.addAll(TestBatches.rows(root));
                    rows += root.getRowCount();
                    if (failAfterRows >= 0 && pending.size() >= failAfterRows) {
                        throw new StoreException("collecting store fails after " + failAfterRows + " rows, as asked");
                    }
                }
                return rows;
            }

            @Override
            public void commit() {
                committed.addAll(pending);
                commits.incrementAndGet();
                done = true;
            }

            @Override
            public void abort() {
                if (!done) {
                    done = true;
                    pending.clear();
                    aborts.incrementAndGet();
                }
            }

            @Override
            public void close() {
                abort();
                writesClosed.incrementAndGet();
            }
        };
    }

    /** Writes whose {@code close()} was called. */
    public int writesClosed() {
        return writesClosed.get();
    }

    public List<List<Object>> committed() {
        return committed;
    }

    public int commits() {
        return commits.get();
    }

    public int aborts() {
        return aborts.get();
    }

    public WriteRequest lastRequest() {
        return lastRequest;
    }

    public int sampledRows() {
        return sampledRows;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
