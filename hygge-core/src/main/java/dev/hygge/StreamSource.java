package dev.hygge;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import dev.hygge.polish.Polish;
import dev.hygge.polish.Polisher;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One stream's side of the Home: takes splits from the flow's shared queue one after another and
 * hands out their batches, each in a root of its own that the taker owns and closes.
 */
final class StreamSource implements AutoCloseable {
    private final Home home;
    private final Queue<Split> splits;
    private final BufferAllocator allocator;
    private final AtomicLong rowsRead;
    private final BooleanSupplier cancelled;
    private Schema schema;
    private ArrowReader current;
    private Split currentSplit;
    private final WatermarkBook watermark;
    private Polish polish;
    private Instant loadTime;
    private String runId;
    private Polisher polisher;

    /** @param watermark told every batch (its greatest watermark and NULLs), or null for a flow without a watermark */
    StreamSource(Home home, Queue<Split> splits, BufferAllocator allocator, Schema schema, AtomicLong rowsRead,
                 BooleanSupplier cancelled, WatermarkBook watermark) {
        this.watermark = watermark;
        this.cancelled = cancelled;
        this.home = home;
        this.splits = splits;
        this.allocator = allocator;
        this.schema = schema;
        this.rowsRead = rowsRead;
    }

    /**
     * Polishes every batch ({@code store: {polish: ...}}) after the watermark has seen it: the
     * watermark is a column of the Home's rows, as the Home names it.
     */
    StreamSource polished(Polish polish, Instant loadTime, String runId) {
        this.polish = polish == null || polish.isEmpty() ? null : polish;
        this.loadTime = loadTime;
        this.runId = runId;
        return this;
    }

    /**
     * Opens the next split now and returns the schema of the batches it hands out, polished (the
     * first stream learns the flow's schema so).
     */
    Schema open() {
        if (current == null && !openNext()) {
            throw new HomeException("Home " + home.describe() + " offered no splits");
        }
        return polisher() != null ? polisher.plan().schema() : schema;
    }

    /** The schema of the Home's rows, before any polish (known once {@link #open} returned). */
    Schema sourceSchema() {
        return schema;
    }

    private Polisher polisher() {
        if (polisher == null && polish != null && schema != null) {
            polisher = polish.plan(schema, loadTime, runId).newPolisher();
        }
        return polisher;
    }

    /** The next batch, owned by the caller, or null at the end of the stream. */
    VectorSchemaRoot next() {
        while (true) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new FlowCancelledException("cancelled while reading " + home.describe());
            }
            if (current == null && !openNext()) {
                return null;
            }
            boolean loaded;
            VectorSchemaRoot root;
            try {
                loaded = current.loadNextBatch();
                root = loaded ? current.getVectorSchemaRoot() : null;
            } catch (Exception e) {
                throw readFailure(currentSplit, e);
            }
            if (!loaded) {
                closeCurrent();
                continue;
            }
            if (root.getRowCount() == 0) {
                continue;
            }
            VectorSchemaRoot taken = dev.hygge.spi.Transfers.takeOut(root, allocator);
            if (watermark != null) {
                taken = watermark.observe(taken, allocator);
                if (taken.getRowCount() == 0) {      // every row's watermark was NULL, and they are not loaded
                    taken.close();
                    continue;
                }
            }
            rowsRead.addAndGet(taken.getRowCount());
            return polisher() != null ? polisher.apply(taken, allocator) : taken;
        }
    }

    private boolean openNext() {
        Split split = splits.poll();
        if (split == null) {
            return false;
        }
        currentSplit = split;
        try {
            current = home.open(split, allocator);
            Schema opened = current.getVectorSchemaRoot().getSchema();
            if (schema == null) {
                schema = opened;
            } else if (!Batches.compatible(schema, opened)) {
                throw new HomeException("Split " + split.describe() + " of " + home.describe()
                        + " has another schema than the first split: " + opened + " vs " + schema
                        + "; every split of a flow must have the same columns and types");
            }
        } catch (Exception e) {
            throw readFailure(split, e);
        }
        return true;
    }

    private HyggeException readFailure(Split split, Exception e) {
        if (e instanceof HyggeException hygge) {
            return hygge;
        }
        return new HomeException("Reading " + split.describe() + " failed: " + e, e);
    }

    private void closeCurrent() {
        ArrowReader reader = current;
        current = null;
        if (reader != null) {
            try {
                reader.close();
            } catch (Exception e) {
                throw readFailure(currentSplit, e);
            }
        }
    }

    @Override
    public void close() {
        ArrowReader reader = current;
        current = null;
        if (reader != null) {
            try {
                reader.close();
            } catch (Exception ignored) {
                // closing after a failure: the first error is the one reported
            }
        }
    }
}
