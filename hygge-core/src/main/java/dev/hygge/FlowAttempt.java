package dev.hygge;

import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.VectorBytes;
import dev.hygge.spi.WriteRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a flow: {@code write = store.begin(schema); write.consume(streams...); write.commit()}.
 * {@link FlowExecution} runs attempts until one succeeds or fails for good (a fault its Home or
 * Store does not call transient, or no retries left), and tells the listener.
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
final class FlowAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(FlowAttempt.class);
    /** The most a Store's inference sample holds, whatever {@code sample_rows} asks for. */
    static final long SAMPLE_BYTES = 256L << 20;

    private final FlowRuntime runtime;
    private final Flow flow;
    private final String runId;
    private final AtomicReference<HyggeException> firstError = new AtomicReference<>();
    private final FlowTasks tasks;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rowsHanded = new AtomicLong();
    private final AtomicLong bytesHanded = new AtomicLong();
    private final WatermarkBook book;
    private final FlowParts parts = new FlowParts();
    private final Queue<String> warnings = new ConcurrentLinkedQueue<>();

    /** @param book the watermark bookkeeping of a flow with a watermark, else null */
    FlowAttempt(FlowRuntime runtime, Flow flow, String runId, WatermarkBook book) {
        this.runtime = runtime;
        this.flow = flow;
        this.runId = runId;
        this.book = book;
        this.tasks = new FlowTasks(runtime.executor(), this::isCancelled, this::taskFailed);
    }

    Flow flow() {
        return flow;
    }

    /**
     * Whether the flow was cancelled or failed. Checked by the stream's readers between batches:
     * a Store may pull its stream on threads of its own (DuckDB reads an Arrow C stream on its
     * worker threads), which interrupting the engine's threads would not reach. It is the first
     * error itself, not a flag beside it: a reader that sees the cancel makes its Store fail with
     * an error of the Store's making (DuckDB's scan turns it into text), and that error must find
     * the cancellation already recorded, or the flow would end FAILED instead of CANCELLED.
     */
    boolean isCancelled() {
        return firstError.get() != null;
    }

    /** Cancels the flow: both sides stop, the write is aborted. Safe from any thread, any time. */
    void cancel(String reason) {
        firstError.compareAndSet(null, new FlowCancelledException("Flow " + flow.label() + " was cancelled: " + reason));
        tasks.interruptAll();
    }

    /**
     * Runs the flow to its end; never throws: the result says how it ended. The phases: open the
     * Home and Store, read the inference sample, begin the write, stream every split, check the
     * counts and commit; whatever happens, release everything and close the flow's allocator.
     */
    FlowResult run() {
        String label = flow.label();
        long start = System.nanoTime();
        if (isCancelled()) {
            return result(FlowStatus.CANCELLED, start, 0);
        }
        BufferAllocator allocator = runtime.allocator().newChildAllocator("flow " + label, 0, Long.MAX_VALUE);
        boolean interrupted = false;
        try {
            Opened opened = open(parts, allocator);
            WriteRequest asked = request(flow, opened.schema(), opened.streams(), List.of(), runId);
            EnginePath path = EnginePath.choose(flow, parts.home, parts.store, asked);
            if (parts.store.needsSample(asked)) {
                readSample(parts.sources.get(0), parts.store.sampleRows(), parts.store.sampleBatches(), parts.sample);
            }
            checkCancelled();
            parts.write = parts.store.begin(request(flow, opened.schema(), opened.streams(), parts.sample, runId));
            LOG.debug("{}: {} split(s) of {} on {} stream(s) into {}; {}", label, opened.splits().size(), parts.home.describe(),
                    opened.streams(), parts.store.describe(), path.describe());
            if (path.inEngine() && parts.write instanceof SupportsEngineWrite.EngineWrite write) {
                new EngineLoads(flow, runtime.listener(), tasks, this::isCancelled, rowsRead, rowsWritten, bytesHanded, book)
                        .start(parts, write, opened.splits(), opened.streams());
            } else {
                stream(parts, allocator, opened.schema());
            }
            interrupted = tasks.awaitAll(() -> cancel("interrupted"));
            checkCancelled();
            commit(parts);
        } catch (Throwable t) {
            firstError.compareAndSet(null, t instanceof HyggeException h ? h
                    : new HyggeException("Flow " + label + " failed: " + t, t));
            cancel("it failed");
        } finally {
            interrupted |= tasks.awaitAll(() -> cancel("interrupted"));
            parts.release(firstError.get());
            closeAllocator(allocator, label);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        HyggeException error = firstError.get();
        return result(error == null ? FlowStatus.SUCCEEDED
                : error instanceof FlowCancelledException ? FlowStatus.CANCELLED : FlowStatus.FAILED, start,
                allocator.getPeakMemoryAllocation());
    }

    /**
     * Whether this attempt's error is transient by its Home's or Store's own word
     * ({@link ClassifiesFaults}); false when they were not created or do not classify.
     */
    boolean failedTransiently() {
        HyggeException error = firstError.get();
        if (error == null || error instanceof FlowCancelledException) {
            return false;
        }
        return parts.home instanceof ClassifiesFaults home && home.isTransient(error)
                || parts.store instanceof ClassifiesFaults store && store.isTransient(error);
    }

    private record Opened(Schema schema, List<Split> splits, int streams) {}

    /**
     * Checks every option, creates the Home and Store, and opens the first split to learn the schema
     * (unless an in-engine flow knows it already, {@link #engineSchema}).
     */
    private Opened open(FlowParts parts, BufferAllocator allocator) {
        runtime.checkOptions(flow);          // every option problem of both, before either opens
        parts.home = runtime.createHome(flow, warnings::add);
        parts.store = runtime.createStore(flow, warnings::add);
        if (book != null) {
            book.prepare(parts.home, parts.store);     // before the splits: the Home reads only what is new
        }
        List<Split> splits = parts.home.splits();
        int streams = streams(flow, parts.store, splits.size());
        Queue<Split> pending = new ConcurrentLinkedQueue<>(splits);
        java.time.Instant loadTime = java.time.Instant.now();         // one load time for every polished row of the run
        StreamSource first = new StreamSource(parts.home, pending, allocator, null, rowsRead, this::isCancelled, book)
                .polished(flow.polish().orElse(null), loadTime, runId);
        parts.sources.add(first);
        Optional<Schema> known = engineSchema(parts, splits, streams);
        Schema schema = known.isPresent() ? known.get() : first.open();
        Schema rows = known.isPresent() ? known.get() : first.sourceSchema();
        if (book != null) {
            book.checkSchema(rows, parts.home.describe());
        }
        for (int i = 1; i < streams; i++) {
            parts.sources.add(new StreamSource(parts.home, pending, allocator, rows, rowsRead, this::isCancelled, book)
                    .polished(flow.polish().orElse(null), loadTime, runId));
        }
        return new Opened(schema, splits, streams);
    }

    /**
     * The schema of the rows when the flow takes the in-engine path, its Store reads no sample and
     * the Home knows the schema exactly ({@link SupportsEngineRelation#knownSchema}): then no split
     * is opened before the engine copies them (the first split's query ran twice). Empty otherwise:
     * the first split is opened, as on the Arrow path.
     */
    private Optional<Schema> engineSchema(FlowParts parts, List<Split> splits, int streams) {
        if (splits.isEmpty() || !(parts.home instanceof SupportsEngineRelation relations)) {
            return Optional.empty();
        }
        Optional<Schema> known = relations.knownSchema();
        if (known.isEmpty()) {
            return known;
        }
        WriteRequest asked = request(flow, known.get(), streams, List.of(), runId);
        boolean sampled = parts.store.needsSample(asked) && (parts.store.sampleRows() > 0 || parts.store.sampleBatches() > 0);
        return sampled || !EnginePath.choose(flow, parts.home, parts.store, asked).inEngine() ? Optional.empty() : known;
    }

    /** What {@code flow} asks its Store to write; a plan ({@link FlowPlanner}) asks the same. */
    static WriteRequest request(Flow flow, Schema schema, int streams, List<VectorSchemaRoot> sample, String runId) {
        return new WriteRequest(flow.name(), flow.entity(), schema, streams, sample, runId, flow.lockTimeout(),
                flow.runType() == RunType.INCREMENTAL);
    }

    /** How many streams {@code flow} writes {@code store} with, from a Home of {@code splits} splits (also for plans). */
    static int streams(Flow flow, Store store, int splits) {
        int wanted = flow.parallelism() > 0 ? flow.parallelism() : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(wanted, Math.min(Math.max(1, store.maxStreams()), Math.max(1, splits))));
    }

    /**
     * The first {@code batches} batches when above 0, else the batches holding the first {@code rows}
     * rows; either way no more than {@link #SAMPLE_BYTES} once a batch is in (wide rows: 300,000 rows
     * of 20 KB strings would hold 6 GB).
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

    /**
     * Starts each stream: a writer task where the Store consumes a feed (the first replays the
     * sample) and, with a prefetch queue, a reader task that fills it.
     */
    private void stream(FlowParts parts, BufferAllocator allocator, Schema schema) {
        for (int i = 0; i < parts.sources.size(); i++) {
            List<VectorSchemaRoot> replay = i == 0 ? List.copyOf(parts.sample) : List.of();
            StreamSource source = parts.sources.get(i);
            FeedReader feed;
            if (flow.queueSize() > 0) {
                BlockingQueue<Object> queue = new ArrayBlockingQueue<>(flow.queueSize());
                parts.queues.add(queue);
                feed = FeedReader.queued(allocator, schema, replay, queue, this::handedOver, this::isCancelled);
                tasks.submit(() -> fill(source, queue));
            } else {
                feed = FeedReader.direct(allocator, schema, replay, source, this::handedOver);
            }
            parts.sample.clear(); // the feed owns the sampled batches now
            parts.feeds.add(feed);
            StoreWrite write = parts.write;
            Store store = parts.store;
            tasks.submit(() -> {
                try {
                    rowsWritten.addAndGet(write.consume(feed));
                } catch (HyggeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new StoreException("Writing to " + store.describe() + " failed: " + e, e);
                }
            });
        }
    }

    /** A reader task: moves batches from the Home into the prefetch queue; blocks while the queue is full. */
    private static void fill(StreamSource source, BlockingQueue<Object> queue) {
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

    /** Commits when the Store wrote every row the Home gave; otherwise nothing is committed. */
    private void commit(FlowParts parts) {
        if (rowsRead.get() != rowsWritten.get()) {
            throw new StoreException("Flow " + flow.label() + ": read " + rowsRead.get() + " rows but the store "
                    + parts.store.describe() + " wrote " + rowsWritten.get() + "; nothing was committed");
        }
        try {
            Map<String, String> state = book != null ? book.state() : Map.of();
            if (state.isEmpty()) {
                parts.write.commit();
            } else {
                parts.write.commit(state);           // the new watermark, in the same transaction or commit as the rows
            }
        } catch (HyggeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("Committing to " + parts.store.describe() + " failed: " + e, e);
        }
        parts.committed = true;
    }

    private void taskFailed(Throwable t) {
        if (firstError.compareAndSet(null, t instanceof HyggeException h ? h
                : new HyggeException("Flow " + flow.label() + " failed: " + t, t))) {
            cancel("a stream failed");
        }
    }

    private void checkCancelled() {
        HyggeException error = firstError.get();
        if (error != null) {
            throw error;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new FlowCancelledException("Flow " + flow.label() + " was cancelled");
        }
    }

    private void handedOver(long rows, long bytes) {
        long total = rowsHanded.addAndGet(rows);
        long totalBytes = bytesHanded.addAndGet(bytes);
        runtime.listener().batchWritten(flow.label(), rows, total, totalBytes);
    }

    private void closeAllocator(BufferAllocator allocator, String label) {
        long leaked = allocator.getAllocatedMemory();
        try {
            allocator.close();
        } catch (RuntimeException e) {
            HyggeException leak = new HyggeException("Flow " + label + " leaked " + leaked
                    + " bytes of Arrow memory (a Home or Store did not release a buffer): " + e.getMessage(), e);
            if (!firstError.compareAndSet(null, leak)) {
                firstError.get().addSuppressed(leak); // a failed or cancelled flow's leak is still reported
                LOG.warn("{}", leak.getMessage());
            }
        }
    }

    private FlowResult result(FlowStatus status, long start, long peak) {
        Optional<WatermarkRun> watermark = Optional.ofNullable(book)
                .filter(b -> status != FlowStatus.CANCELLED || rowsRead.get() > 0).map(WatermarkBook::result);
        List<String> warned = new java.util.ArrayList<>(warnings);
        watermark.filter(w -> w.nullRows() > 0 && !w.nullsLoaded()).ifPresent(w -> warned.add(w.nullReport()));
        return new FlowResult(flow.name(), flow.entity(), status, rowsRead.get(), rowsWritten.get(), bytesHanded.get(),
                Duration.ofNanos(System.nanoTime() - start), peak, Optional.ofNullable(firstError.get()), 1, watermark, warned);
    }
}
