package dev.hygge;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The {@link ArrowReader} a Store consumes: replays the sampled batches first, then takes batches
 * either from a prefetch queue filled by a reader thread or straight from the source on this
 * thread. Each batch is moved into this reader's root, never copied.
 */
final class FeedReader extends ArrowReader {
    /** Marks the end of a prefetch queue. */
    static final Object END = new Object();

    /** How long a wait for the next batch lasts before the flow's cancellation is checked again. */
    private static final long POLL_MILLIS = 50;

    private final Schema schema;
    private final Deque<VectorSchemaRoot> replay;
    private final Supplier<Object> next;
    private final Meter meter;
    private long bytes;
    private boolean ended;

    private FeedReader(BufferAllocator allocator, Schema schema, List<VectorSchemaRoot> replay,
                       Supplier<Object> next, Meter meter) {
        super(allocator);
        this.schema = schema;
        this.replay = new ArrayDeque<>(replay);
        this.next = next;
        this.meter = meter;
    }

    /** Reads on the writer's thread, straight from the source. */
    static FeedReader direct(BufferAllocator allocator, Schema schema, List<VectorSchemaRoot> replay,
                             StreamSource source, Meter meter) {
        return new FeedReader(allocator, schema, replay, () -> {
            VectorSchemaRoot root = source.next();
            return root == null ? END : root;
        }, meter);
    }

    /**
     * Takes from a prefetch queue that a reader thread fills. Waits in short polls so that a
     * cancelled flow ends the wait on any thread, including a Store's own threads that an
     * interrupt of the engine's threads does not reach.
     */
    static FeedReader queued(BufferAllocator allocator, Schema schema, List<VectorSchemaRoot> replay,
                             BlockingQueue<Object> queue, Meter meter, BooleanSupplier cancelled) {
        return new FeedReader(allocator, schema, replay, () -> {
            try {
                while (true) {
                    Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (item != null) {
                        return item;
                    }
                    if (cancelled.getAsBoolean()) {
                        throw new FlowCancelledException("cancelled while waiting for the next batch");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlowCancelledException("cancelled while waiting for the next batch");
            }
        }, meter);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        VectorSchemaRoot root = getVectorSchemaRoot();
        if (ended) {
            return false; // asked again after the end: stays ended (the queue has nothing more)
        }
        // The Store is done with the previous batch once it asks for the next: release it before
        // taking a new one, so a stream never holds more than queue_size + 2 batches.
        root.clear();
        Object item = replay.isEmpty() ? next.get() : replay.poll();
        if (item == END) {
            ended = true;
            root.setRowCount(0);
            return false;
        }
        VectorSchemaRoot batch = (VectorSchemaRoot) item;
        long batchBytes = Batches.bytes(batch);
        dev.hygge.spi.Transfers.moveInto(batch, root);
        bytes += batchBytes;
        meter.handedOver(root.getRowCount(), batchBytes);
        return true;
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    protected void closeReadSource() {
        while (!replay.isEmpty()) {
            replay.poll().close();
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }

    /** Counts what is handed to the Store and reports progress. */
    interface Meter {
        void handedOver(long rows, long bytes);
    }
}
