package dev.hygge;

import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-engine path of one attempt ({@link EnginePath}): the splits, in as many groups as the
 * Arrow path would have streams, each handed to the write as a relation of the Home's engine
 * ({@link SupportsEngineWrite.EngineWrite#load}) on a task of the flow, where the Arrow path would
 * consume a stream. The write was begun as for the Arrow path (the same request, its sample read
 * from the Home as Arrow batches, so inference decides the same table); the sample is released
 * unreplayed, since the relation holds its rows. Rows read are what the Home's relation says it
 * holds, where it knows ({@link EngineRelation#rows()}), else what the Store loaded; the commit's
 * check compares them with what the Store says it wrote. Progress is the engine's own count; the
 * bytes are what the Store says its loads wrote ({@link SupportsEngineWrite.Progress#wrote}), where
 * the Arrow path counts the batches' buffers.
 *
 * <p>For a flow with a watermark each load tracks it inside the engine ({@link EngineWatermark}):
 * the rows whose watermark is NULL left out as the Arrow path leaves them out, the greatest value
 * and the NULL count kept in the flow's {@link WatermarkBook}, which the commit hands to the Store
 * with the data as on the Arrow path.
 */
final class EngineLoads {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoads.class);

    private final Flow flow;
    private final FlowListener listener;
    private final FlowTasks tasks;
    private final BooleanSupplier cancelled;
    private final AtomicLong rowsRead;
    private final AtomicLong rowsWritten;
    private final AtomicLong bytes;
    private final AtomicLong reported = new AtomicLong();
    private final WatermarkBook book;

    /**
     * @param bytes the attempt's bytes, which the loads' {@link SupportsEngineWrite.Progress#wrote} add to
     * @param book the watermark bookkeeping of a flow with a watermark (each load tracks it), else null
     */
    EngineLoads(Flow flow, FlowListener listener, FlowTasks tasks, BooleanSupplier cancelled, AtomicLong rowsRead,
                AtomicLong rowsWritten, AtomicLong bytes, WatermarkBook book) {
        this.book = book;
        this.bytes = bytes;
        this.flow = flow;
        this.listener = listener;
        this.tasks = tasks;
        this.cancelled = cancelled;
        this.rowsRead = rowsRead;
        this.rowsWritten = rowsWritten;
    }

    /** Releases the sample and the Arrow readers opened so far, and starts one load per group of splits. */
    void start(FlowParts parts, SupportsEngineWrite.EngineWrite write, List<Split> splits, int streams) {
        parts.sample.forEach(org.apache.arrow.vector.VectorSchemaRoot::close);
        parts.sample.clear();
        parts.sources.forEach(StreamSource::close);
        rowsRead.set(0);                      // the sample's rows are in the relations too
        if (book != null) {
            book.forgetObserved();            // and so are its watermarks and NULLs
        }
        SupportsEngineRelation home = (SupportsEngineRelation) parts.home;
        List<List<Split>> groups = EnginePath.groups(splits, streams);
        LOG.info("{}: copying {} split(s) inside {} in {} relation(s) into {}", flow.label(), splits.size(), home.engine(),
                groups.size(), parts.store.describe());
        for (List<Split> group : groups) {
            EngineRelation relation = home.relation(group);
            tasks.submit(() -> load(parts, write, relation));
        }
    }

    private void load(FlowParts parts, SupportsEngineWrite.EngineWrite write, EngineRelation relation) {
        Progress progress = new Progress();
        long written;
        long read;
        try {
            if (book == null) {
                written = write.load(relation, progress);
                read = relation.rows().orElse(written);
            } else {
                EngineWatermark.Seen seen = write.load(relation, book.engineWatermark(), progress);
                written = seen.written();
                read = tracked(parts, relation, seen);
            }
        } catch (HyggeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("Writing " + relation.describe() + " to " + parts.store.describe() + " failed: " + e, e);
        }
        if (read != written) {
            throw new StoreException("Flow " + flow.label() + ": " + relation.describe() + " holds " + read
                    + " rows to load but the store " + parts.store.describe() + " wrote " + written + "; nothing was committed");
        }
        rowsRead.addAndGet(read);
        rowsWritten.addAndGet(written);
        progress.processed(written);
    }

    /**
     * The rows a tracked load read as the Arrow path counts them (its NULL-watermark rows left out
     * unless loaded), after checking the engine's count against the Home's; the load's watermark
     * goes into the book.
     */
    private long tracked(FlowParts parts, EngineRelation relation, EngineWatermark.Seen seen) {
        if (relation.rows().isPresent() && relation.rows().getAsLong() != seen.rows()) {
            throw new StoreException("Flow " + flow.label() + ": " + relation.describe() + " holds " + relation.rows().getAsLong()
                    + " rows but " + parts.store.describe() + " counted " + seen.rows() + " in it; nothing was committed");
        }
        book.saw(seen, relation.describe());
        return book.engineWatermark().loadNulls() ? seen.rows() : seen.rows() - seen.nullRows();
    }

    /** One load's progress: each new count is told to the listener as the rows processed since the last. */
    private final class Progress implements SupportsEngineWrite.Progress {
        private long last;

        @Override
        public synchronized void processed(long rows) {
            if (rows > last) {
                long delta = rows - last;
                last = rows;
                listener.batchWritten(flow.label(), delta, reported.addAndGet(delta), bytes.get());
            }
        }

        @Override
        public void wrote(long written) {
            bytes.addAndGet(written);
        }

        @Override
        public boolean cancelled() {
            return cancelled.getAsBoolean();
        }
    }
}
