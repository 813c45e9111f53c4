package dev.hygge.jdbc;

import dev.hygge.spi.Transfers;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Batches handed from the flow's thread to a loader that reads them on threads of the
 * database's own (the Arrow C stream a DuckDB INSERT scans). The flow's thread stays the one that
 * waits for input, so the engine's cancellation reaches it; a failure there is handed on, so the
 * database's reader never waits for a batch that will not come.
 */
final class RelayReader extends ArrowReader {
    private static final Object END = new Object();

    private record Failure(Throwable error) {}

    private final BlockingQueue<Object> handoff = new ArrayBlockingQueue<>(2);
    private final Schema schema;
    private final BufferAllocator vectors;
    private VectorSchemaRoot root;
    private long rows;

    /** @param vectors the allocator of the batches relayed (ownership moves without copying within it) */
    RelayReader(BufferAllocator vectors, Schema schema) {
        super(vectors);
        this.vectors = vectors;
        this.schema = schema;
    }

    /**
     * Hands on the batch {@code from} holds now (its buffers move; {@code from} is left empty).
     * Waits while the loader is behind; returns false, handing nothing, once {@code loaderDone}. A
     * batch not handed on is released, also when the wait is interrupted.
     */
    boolean put(VectorSchemaRoot from, java.util.function.BooleanSupplier loaderDone) throws InterruptedException {
        VectorSchemaRoot batch = Transfers.takeOut(from, vectors);
        boolean handed = false;
        try {
            handed = offer(batch, loaderDone);
        } finally {
            if (!handed) { // the loader is done, or the engine interrupted the wait: nobody else will close it
                batch.close();
            }
        }
        return handed;
    }

    /** Tells the loader the input is complete. */
    void end(java.util.function.BooleanSupplier loaderDone) throws InterruptedException {
        offer(END, loaderDone);
    }

    /** Tells the loader the input failed; never blocks. */
    void fail(Throwable error) {
        Object item;
        while ((item = handoff.poll()) != null) {
            if (item instanceof VectorSchemaRoot batch) {
                batch.close();
            }
        }
        handoff.offer(new Failure(error));
    }

    private boolean offer(Object item, java.util.function.BooleanSupplier loaderDone) throws InterruptedException {
        while (!handoff.offer(item, 50, TimeUnit.MILLISECONDS)) {
            if (loaderDone.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }


    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
        if (root == null) {
            root = VectorSchemaRoot.create(schema, vectors);
        }
        return root;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        Object item;
        try {
            item = handoff.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the next batch", e);
        }
        if (item == END) {
            handoff.offer(END); // a second call also sees the end
            return false;
        }
        if (item instanceof Failure failure) {
            handoff.offer(failure);
            throw new IOException("the flow's input failed: " + failure.error(), failure.error());
        }
        Transfers.moveInto((VectorSchemaRoot) item, getVectorSchemaRoot());
        rows += root.getRowCount();
        return true;
    }

    long rows() {
        return rows;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        Object item;
        while ((item = handoff.poll()) != null) {
            if (item instanceof VectorSchemaRoot batch) {
                batch.close();
            }
        }
        if (root != null) {
            root.close();
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
