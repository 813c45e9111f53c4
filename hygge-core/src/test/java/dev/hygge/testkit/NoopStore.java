package dev.hygge.testkit;

import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A Store that counts rows and drops them: for engine benchmarks, and, with a delay per batch, a
 * deliberately slow store for backpressure tests. {@code rowsDelta} makes it misreport the rows it
 * wrote, to test the engine's count check.
 */
public final class NoopStore implements Store {
    private final int maxStreams;
    private final Duration delayPerBatch;
    private final long rowsDelta;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();

    public NoopStore(int maxStreams) {
        this(maxStreams, Duration.ZERO, 0);
    }

    public NoopStore(int maxStreams, Duration delayPerBatch, long rowsDelta) {
        this.maxStreams = maxStreams;
        this.delayPerBatch = delayPerBatch;
        this.rowsDelta = rowsDelta;
    }

    @Override
    public String describe() {
        return "no-op store";
    }

    @Override
    public int maxStreams() {
        return maxStreams;
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        return new StoreWrite() {
            private boolean done;

            @Override
            public long consume(ArrowReader stream) throws Exception {
                long count = 0;
                while (stream.loadNextBatch()) {
                    count += stream.getVectorSchemaRoot().getRowCount();
                    if (!delayPerBatch.isZero()) {
                        Thread.sleep(delayPerBatch.toMillis(), delayPerBatch.toNanosPart() % 1_000_000);
                    }
                }
                rows.addAndGet(count);
                return count + rowsDelta;
            }

            @Override
            public void commit() {
                done = true;
                commits.incrementAndGet();
            }

            @Override
            public void abort() {
                if (!done) {
                    done = true;
                    aborts.incrementAndGet();
                }
            }

            @Override
            public void close() {
                abort();
            }
        };
    }

    public long rows() {
        return rows.get();
    }

    public int commits() {
        return commits.get();
    }

    public int aborts() {
        return aborts.get();
    }
}
