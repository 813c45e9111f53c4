package dev.hygge;

import dev.hygge.spi.Home;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one flow opens, so that it is all released, in order, however the flow ends: an
 * uncommitted write aborted first, then the feeds, the batches still queued or sampled, the Home's
 * streams, the Store and the Home. A failure while releasing is added to the flow's error (or
 * logged when there is none); it never hides the error that ended the flow.
 */
final class FlowParts {
    private static final Logger LOG = LoggerFactory.getLogger(FlowParts.class);

    Home home;
    Store store;
    StoreWrite write;
    boolean committed;
    final List<StreamSource> sources = new ArrayList<>();
    final List<FeedReader> feeds = new ArrayList<>();
    final List<BlockingQueue<Object>> queues = new ArrayList<>();
    /** The inference sample while the flow holds it; a feed takes the batches over (and this is cleared). */
    final List<VectorSchemaRoot> sample = new ArrayList<>();

    /** Releases everything; {@code error} is the flow's first error, or null. */
    void release(HyggeException error) {
        if (write != null && !committed) {
            abort(write, error);
        }
        close(write, error);
        feeds.forEach(feed -> close(feed, error));
        drain(queues);
        sample.forEach(VectorSchemaRoot::close);
        sample.clear();
        sources.forEach(source -> close(source, error));
        close(store, error);
        close(home, error);
    }

    private static void abort(StoreWrite write, HyggeException error) {
        try {
            write.abort();
        } catch (Throwable t) {
            if (error != null) {
                error.addSuppressed(t);
            }
            LOG.warn("Aborting a write failed", t);
        }
    }

    private static void close(AutoCloseable closeable, HyggeException error) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Throwable t) {
            if (error != null) {
                error.addSuppressed(t);
            } else {
                LOG.warn("Closing {} failed", closeable, t);
            }
        }
    }

    private static void drain(List<BlockingQueue<Object>> queues) {
        for (BlockingQueue<Object> queue : queues) {
            Object item;
            while ((item = queue.poll()) != null) {
                if (item instanceof VectorSchemaRoot root) {
                    root.close();
                }
            }
        }
    }
}
