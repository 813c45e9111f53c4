package dev.hygge;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.VectorBytes;
import dev.hygge.spi.WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one flow: {@code write = store.begin(schema); write.consume(streams...); write.commit()}.
 *
 * <p>Splits are matched to up to {@code parallelism} streams (never more than the Store takes).
 * Each stream has a reader thread that fills a bounded prefetch queue ({@code queue_size}
 * batches) and a writer thread where the Store consumes a {@link FeedReader} over that queue, so
 * reading and writing overlap and the reader never runs more than {@code queue_size} batches
 * ahead. With {@code queue_size: 0} the Store reads straight from the Home on its own thread.
 *
 * <p>Every buffer comes from one child allocator of the flow; it is closed at the end and a leak
 * fails the flow. The first error on either side cancels the other side, aborts the write and
 * is reported with its cause.
 */
final class FlowExecution {
    private static final Logger LOG = LoggerFactory.getLogger(FlowExecution.class);
    /** The most a Store's inference sample holds, whatever {@code sample_rows} asks for. */
    static final long SAMPLE_BYTES = 256L << 20;

    private final Hygge runtime;
    private final Flow flow;
    private final String runId;
    private final AtomicReference<HyggeException> firstError = new AtomicReference<>();
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    /** The control thread plus one party per running task. */
    private final Phaser phaser = new Phaser(1);
    private boolean awaited;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rowsHanded = new AtomicLong();
    private final AtomicLong bytesHanded = new AtomicLong();
    private volatile boolean cancelled;

    FlowExecution(Hygge runtime, Flow flow, String runId) {
        this.runtime = runtime;
        this.flow = flow;
        this.runId = runId;
    }

    Flow flow() {
        return flow;
    }

    /**
     * Whether the flow was cancelled or failed. Checked by the stream's readers between batches:
     * a Store may pull its stream on threads of its own (DuckDB reads an Arrow C stream on its
     * worker threads), which interrupting the engine's threads would not reach.
     */
    boolean isCancelled() {
        return cancelled;
    }

    /** Cancels the flow: both sides stop, the write is aborted. Safe from any thread, any time. */
    void cancel(String reason) {
        cancelled = true;
        firstError.compareAndSet(null, new FlowCancelledException("Flow " + flow.label() + " was cancelled: " + reason));
        for (Task task : tasks) {
            task.interrupt();
        }
    }

    /** Runs the flow to its end; never throws: the result says how it ended. */
    FlowResult run() {
        String label = flow.label();
        FlowListener listener = runtime.listener();
        long start = System.nanoTime();
        if (cancelled) {
            return result(FlowStatus.CANCELLED, start, 0);
        }
        listener.flowStarted(label);
        BufferAllocator allocator = runtime.allocator().newChildAllocator("flow " + label, 0, Long.MAX_VALUE);
        Home home = null;
        Store store = null;
        StoreWrite write = null;
        boolean committed = false;
        List<StreamSource> sources = new ArrayList<>();
        List<FeedReader> feeds = new ArrayList<>();
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        List<VectorSchemaRoot> sample = new ArrayList<>();
        boolean interrupted = false;
        try {
            runtime.checkOptions(flow);          // every option problem of both, before either opens
            home = runtime.createHome(flow);
            store = runtime.createStore(flow);
            List<Split> splits = home.splits();
            int streams = streams(flow, store, splits.size());
            Queue<Split> pending = new ConcurrentLinkedQueue<>(splits);
            StreamSource first = new StreamSource(home, pending, allocator, null, rowsRead, this::isCancelled);
            sources.add(first);
            Schema schema = first.open();
            for (int i = 1; i < streams; i++) {
                sources.add(new StreamSource(home, pending, allocator, schema, rowsRead, this::isCancelled));
            }
            readSample(first, store.sampleRows(), store.sampleBatches(), sample);
            checkCancelled();
            write = store.begin(new WriteRequest(flow.name(), flow.entity(), schema, streams, sample, runId,
                    flow.lockTimeout()));
            LOG.debug("{}: {} split(s) of {} on {} stream(s) into {}", label, splits.size(), home.describe(), streams,
                    store.describe());

            for (int i = 0; i < streams; i++) {
                List<VectorSchemaRoot> replay = i == 0 ? List.copyOf(sample) : List.of();
                FeedReader feed;
                if (flow.queueSize() > 0) {
                    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(flow.queueSize());
                    queues.add(queue);
                    feed = FeedReader.queued(allocator, schema, replay, queue, this::handedOver, this::isCancelled);
                    StreamSource source = sources.get(i);
                    submit(() -> fill(source, queue));
                } else {
                    feed = FeedReader.direct(allocator, schema, replay, sources.get(i), this::handedOver);
                }
                sample.clear(); // the feed owns the sampled batches now
                feeds.add(feed);
                StoreWrite target = write;
                Store described = store;
                submit(() -> {
                    try {
                        rowsWritten.addAndGet(target.consume(feed));
                    } catch (HyggeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new StoreException("Writing to " + described.describe() + " failed: " + e, e);
                    }
                });
            }
            interrupted = awaitTasks();
            checkCancelled();
            if (rowsRead.get() != rowsWritten.get()) {
                throw new StoreException("Flow " + label + ": read " + rowsRead.get() + " rows but the store "
                        + store.describe() + " wrote " + rowsWritten.get() + "; nothing was committed");
            }
            try {
                write.commit();
            } catch (HyggeException e) {
                throw e;
            } catch (Exception e) {
                throw new StoreException("Committing to " + store.describe() + " failed: " + e, e);
            }
            committed = true;
        } catch (Throwable t) {
            firstError.compareAndSet(null, t instanceof HyggeException h ? h
                    : new HyggeException("Flow " + label + " failed: " + t, t));
            cancel("it failed");
        } finally {
            interrupted |= awaitTasks();
            HyggeException error = firstError.get();
            if (write != null && !committed) {
                abort(write, error);
            }
            close(write, error);
            closeAll(feeds, error);
            drain(queues);
            sample.forEach(VectorSchemaRoot::close);
            closeAll(sources, error);
            close(store, error);
            close(home, error);
            closeAllocator(allocator, label);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        HyggeException error = firstError.get();
        FlowResult result = result(error == null ? FlowStatus.SUCCEEDED
                : error instanceof FlowCancelledException ? FlowStatus.CANCELLED : FlowStatus.FAILED,
                start, allocator.getPeakMemoryAllocation());
        if (error == null) {
            listener.flowFinished(label, result.rowsWritten(), result.bytes(), result.duration());
        } else {
            listener.flowFailed(label, error);
        }
        return result;
    }

    /** How many streams {@code flow} writes {@code store} with, from a Home of {@code splits} splits (also for plans). */
    static int streams(Flow flow, Store store, int splits) {
        int wanted = flow.parallelism() > 0 ? flow.parallelism() : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(wanted, Math.min(Math.max(1, store.maxStreams()), Math.max(1, splits))));
    }

    /**
     * The first {@code batches} batches when above 0, else the batches holding the first {@code rows}
     * rows; either way no more than {@link #SAMPLE_BYTES} once a batch is in (wide rows: 300,000 rows
     * of 20 KB strings would hold 6 GB). {@link FlowPlanner} plans from the same sample.
     */
    static void readSample(StreamSource source, long rows, int batches, List<VectorSchemaRoot> sample) {
        long taken = 0;
        long bytes = 0;
        while ((batches > 0 ? sample.size() < batches : taken < rows) && bytes < SAMPLE_BYTES) {
            VectorSchemaRoot batch = source.next();
            if (batch == null) {
                return;
            }
            sample.add(batch);
            taken += batch.getRowCount();
            bytes += VectorBytes.of(batch);
        }
    }

    /** A reader thread: moves batches from the Home into the prefetch queue; blocks while the queue is full. */
    private void fill(StreamSource source, BlockingQueue<Object> queue) {
        try {
            VectorSchemaRoot batch;
            while ((batch = source.next()) != null) {
                try {
                    queue.put(batch);
                } catch (InterruptedException e) {
                    batch.close();
                    Thread.currentThread().interrupt();
                    throw new FlowCancelledException("cancelled while reading");
                }
            }
            queue.put(FeedReader.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowCancelledException("cancelled while reading");
        }
    }

    private void submit(Runnable body) {
        Task task = new Task(body);
        phaser.register();
        tasks.add(task);
        try {
            runtime.executor().execute(task);
        } catch (RuntimeException e) {
            phaser.arriveAndDeregister();
            throw e;
        }
    }

    /** Waits (once) for every task to end; on interruption cancels them and still waits. Returns whether interrupted. */
    private boolean awaitTasks() {
        if (awaited) {
            return false;
        }
        awaited = true;
        int phase = phaser.arrive();
        boolean interrupted = false;
        while (true) {
            try {
                phaser.awaitAdvanceInterruptibly(phase);
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
                cancel("interrupted");
            }
        }
    }

    /**
     * One reader or writer task of a stream. Cancelling interrupts its thread only while the task
     * runs on it (a pool thread never carries an interrupt to its next task); a task that has not
     * started when the flow is cancelled does not run its body.
     */
    private final class Task implements Runnable {
        private final Runnable body;
        private Thread thread;
        private boolean finished;

        Task(Runnable body) {
            this.body = body;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            try {
                if (!cancelled) {
                    body.run();
                }
            } catch (Throwable t) {
                if (firstError.compareAndSet(null, t instanceof HyggeException h ? h
                        : new HyggeException("Flow " + flow.label() + " failed: " + t, t))) {
                    cancel("a stream failed");
                }
            } finally {
                synchronized (this) {
                    thread = null;
                    finished = true;
                    Thread.interrupted();
                }
                phaser.arriveAndDeregister();
            }
        }

        synchronized void interrupt() {
            if (thread != null && !finished) {
                thread.interrupt();
            }
        }
    }

    private void checkCancelled() {
        HyggeException error = firstError.get();
        if (error != null) {
            throw error;
        }
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new FlowCancelledException("Flow " + flow.label() + " was cancelled");
        }
    }

    private void handedOver(long rows, long bytes) {
        long total = rowsHanded.addAndGet(rows);
        long totalBytes = bytesHanded.addAndGet(bytes);
        runtime.listener().batchWritten(flow.label(), rows, total, totalBytes);
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

    private static void closeAll(List<? extends AutoCloseable> closeables, HyggeException error) {
        for (AutoCloseable closeable : closeables) {
            close(closeable, error);
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

    private void closeAllocator(BufferAllocator allocator, String label) {
        long leaked = allocator.getAllocatedMemory();
        try {
            allocator.close();
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, new HyggeException("Flow " + label + " leaked " + leaked
                    + " bytes of Arrow memory (a Home or Store did not release a buffer): " + e.getMessage(), e));
        }
    }

    private FlowResult result(FlowStatus status, long start, long peak) {
        return new FlowResult(flow.name(), flow.entity(), status, rowsRead.get(), rowsWritten.get(), bytesHanded.get(),
                Duration.ofNanos(System.nanoTime() - start), peak, Optional.ofNullable(firstError.get()));
    }
}
