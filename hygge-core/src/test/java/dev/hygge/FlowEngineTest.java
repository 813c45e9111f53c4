package dev.hygge;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HyggeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.ConsumingStore;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.NoopStore;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.GeneratedHomeFactory;
import dev.hygge.testkit.NoopStoreFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowEngineTest {
    private Hygge hygge;

    @BeforeEach
    void setUp() {
        hygge = TestKit.runtime(Plugins.builder().home(new GeneratedHomeFactory()).store(new NoopStoreFactory()));
    }

    @AfterEach
    void tearDown() {
        hygge.close();
    }

    private static List<List<Object>> expectedAllTypes(long rows) {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = TestBatches.generate(TestBatches.allTypes(), allocator, 0, (int) rows)) {
            return TestBatches.rows(root);
        }
    }

    private static List<List<Object>> sortedById(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(row -> (Long) row.get(0)));
        return sorted;
    }

    @ParameterizedTest(name = "queue_size={0}, parallelism={1}")
    @CsvSource({"8, 1", "8, 3", "0, 1", "0, 4", "1, 2"})
    void everyRowOfEverySplitArrivesInOneCommit(int queueSize, int parallelism) {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(10_007).batchSize(333).splits(7).build();
        CollectingStore store = new CollectingStore(4);

        FlowResult result = hygge.flow("all").from(home).to(store).queueSize(queueSize).parallelism(parallelism).run();

        assertThat(result.status()).isEqualTo(FlowStatus.SUCCEEDED);
        assertThat(result.rowsRead()).isEqualTo(10_007);
        assertThat(result.rowsWritten()).isEqualTo(10_007);
        assertThat(store.lastRequest().streams()).isEqualTo(Math.min(parallelism, 4));
        assertThat(store.commits()).isEqualTo(1);
        assertThat(store.aborts()).isZero();
        assertThat(store.writesClosed()).isEqualTo(1);
        assertThat(sortedById(store.committed())).isEqualTo(expectedAllTypes(10_007));
        assertThat(home.openReaders()).isZero();
        assertThat(home.closed()).isTrue();
        assertThat(store.closed()).isTrue();
    }

    @Test
    void storeSampleIsReplayedSoNothingIsReadTwiceOrLost() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(5_000).batchSize(1_000).build();
        CollectingStore store = new CollectingStore(1, -1, 2_500);

        FlowResult result = hygge.flow("sampled").from(home).to(store).run();

        assertThat(store.sampledRows()).isEqualTo(3_000);
        assertThat(result.rowsRead()).isEqualTo(5_000);
        assertThat(store.committed()).isEqualTo(expectedAllTypes(5_000));
    }

    @Test
    void sampleBatchesTakesThatManyBatchesWhateverTheRows() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).build();
        CollectingStore inner = new CollectingStore(1, -1, 300_000);
        Store store = new Store() {
            @Override
            public String describe() {
                return inner.describe();
            }

            @Override
            public long sampleRows() {
                return inner.sampleRows();
            }

            @Override
            public int sampleBatches() {
                return 3;
            }

            @Override
            public StoreWrite begin(WriteRequest request) {
                return inner.begin(request);
            }
        };

        hygge.flow("batches").from(home).to(store).run();

        assertThat(inner.lastRequest().sample()).hasSize(3);
        assertThat(inner.sampledRows()).isEqualTo(3_000);
        assertThat(inner.committed()).isEqualTo(expectedAllTypes(50_000));
    }

    @ParameterizedTest(name = "queue_size={0}")
    @CsvSource({"8", "0"})
    void aStreamStaysEndedWhenAskedAgain(int queueSize) {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(2_500).batchSize(1_000).build();
        Store store = new ConsumingStore("asks twice", 1, stream -> {
            long rows = 0;
            while (stream.loadNextBatch()) {
                rows += stream.getVectorSchemaRoot().getRowCount();
            }
            assertThat(stream.loadNextBatch()).isFalse();
            assertThat(stream.loadNextBatch()).isFalse();
            return rows;
        });

        FlowResult result = hygge.flow("twice").from(home).to(store).queueSize(queueSize).run();

        assertThat(result.rowsWritten()).isEqualTo(2_500);
    }

    @Test
    void homeAndStoreGivenByTypeNameAreCreatedFromOptions() {
        FlowResult result = hygge.flow("by-name").entity("orders")
                .from("generated", Map.of("rows", 12_345, "batch_size", 1_000, "splits", 3))
                .to("noop", Map.of("max_streams", 2))
                .run();

        assertThat(result.rowsWritten()).isEqualTo(12_345);
        assertThat(result.label()).isEqualTo("by-name/orders");
        assertThat(result.bytes()).isPositive();
    }

    @Test
    void badOptionsFailTheFlowWithAConfigError() {
        assertThatThrownBy(() -> hygge.flow("bad").from("generated", Map.of("rowz", 1)).to("noop", Map.of()).run())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Home 'generated' of flow bad: unknown option 'rowz'");
        assertThatThrownBy(() -> hygge.flow("bad").from("nope", Map.of()).to("noop", Map.of()).run())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown Home type 'nope'; known types: generated");
    }

    @Test
    void homeFailureAbortsTheWriteAndClosesTheHome() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).splits(5)
                .failAtRow(31_500).build();
        CollectingStore store = new CollectingStore(2);

        FlowResult result = hygge.run(Flow.builder("failing-home").from(home).to(store).parallelism(2).build());

        assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
        assertThat(result.error()).get().isInstanceOf(HomeException.class)
                .extracting(Throwable::getMessage).asString().contains("generated failure at row 31500");
        assertThat(store.commits()).isZero();
        assertThat(store.aborts()).isEqualTo(1);
        assertThat(store.writesClosed()).isEqualTo(1);
        assertThat(store.committed()).isEmpty();
        assertThat(home.openReaders()).isZero();
        assertThat(home.closed()).isTrue();
    }

    @ParameterizedTest(name = "queue_size={0}")
    @CsvSource({"8", "0"})
    void homeFailureEndsAStoreThatPullsOnThreadsTheEngineCannotInterrupt(int queueSize) {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).splits(2)
                .failAtRow(20_500).build();
        Store store = new ConsumingStore("foreign-thread store", 2, FlowEngineTest::readOnAThreadOfItsOwn);

        FlowResult result = hygge.run(Flow.builder("foreign").from(home).to(store).parallelism(2)
                .queueSize(queueSize).build());

        assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
        assertThat(result.error()).get().isInstanceOf(HomeException.class)
                .extracting(Throwable::getMessage).asString().contains("generated failure at row 20500");
        assertThat(home.openReaders()).isZero();
    }

    @Test
    void oneFailingStreamAbortsTheWholeWrite() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(40_000).batchSize(500).splits(4).build();
        CollectingStore store = new CollectingStore(4, 5_000, 0);

        assertThatThrownBy(() -> hygge.flow("failing-store").from(home).to(store).parallelism(4).run())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("fails after 5000 rows");
        assertThat(store.commits()).isZero();
        assertThat(store.aborts()).isEqualTo(1);
        assertThat(store.committed()).isEmpty();
        assertThat(home.openReaders()).isZero();
    }

    @Test
    void storeErrorsThatAreNotHyggeExceptionsKeepTheirCause() {
        Store store = new ConsumingStore("throwing store", 1, stream -> {
            stream.loadNextBatch();
            throw new java.io.IOException("disk on fire");
        });
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(100).build();

        FlowResult result = hygge.run(Flow.builder("io").from(home).to(store).build());

        assertThat(result.error()).get().isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("Writing to throwing store failed", "disk on fire"))
                .satisfies(e -> assertThat(e.getCause()).hasMessage("disk on fire"));
    }

    @Test
    void readAndWrittenCountsMustAgree() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(2_000).batchSize(100).build();
        NoopStore store = new NoopStore(1, Duration.ZERO, -1);

        FlowResult result = hygge.run(Flow.builder("mismatch").from(home).to(store).build());

        assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
        assertThat(result.error()).get().isInstanceOf(StoreException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("read 2000 rows but the store no-op store wrote 1999; nothing was committed");
        assertThat(store.commits()).isZero();
        assertThat(store.aborts()).isEqualTo(1);
    }

    @Test
    void leakedArrowMemoryFailsTheFlow() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(1_000).batchSize(100).build();

        FlowResult result = hygge.run(Flow.builder("leaky").from(home).to(new ConsumingStore("leaking store", 1, FlowEngineTest::keepTheFirstBatch)).build());

        assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
        assertThat(result.error()).get().extracting(Throwable::getMessage).asString()
                .contains("Flow leaky leaked", "bytes of Arrow memory");
    }

    @Test
    void aLeakIsReportedAlongWithTheErrorThatEndedTheFlow() {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(1_000).batchSize(100).failAtRow(550).build();

        FlowResult result = hygge.run(Flow.builder("leaky").from(home)
                .to(new ConsumingStore("leaking store", 1, FlowEngineTest::keepTheFirstBatch)).queueSize(0).build());

        assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
        Throwable error = result.error().orElseThrow();
        assertThat(error.getMessage()).contains("generated failure at row 550");
        assertThat(error.getSuppressed()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).contains("Flow leaky leaked", "bytes of Arrow memory"));
    }

    @ParameterizedTest(name = "queue_size={0}, streams={1}")
    @CsvSource({"2, 1", "8, 1", "4, 2"})
    void readerNeverRunsMoreThanQueueSizeAheadOfASlowStore(int queueSize, int streams) {
        int batchSize = 1_000;
        long batchBytes;
        try (BufferAllocator probe = new RootAllocator();
             VectorSchemaRoot root = TestBatches.generate(TestBatches.benchmark(), probe, 0, batchSize)) {
            batchBytes = probe.getAllocatedMemory();
        }
        long rows = 400L * batchSize; // 400 batches: 100x more than the bound allows in memory
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(batchSize)
                .splits(streams).build();
        NoopStore slow = new NoopStore(streams, Duration.ofMillis(1), 0);

        FlowResult result = hygge.flow("slow").from(home).to(slow).queueSize(queueSize).parallelism(streams).run();

        assertThat(result.rowsWritten()).isEqualTo(rows);
        // per stream: queue_size batches queued, one being read or waiting to be queued, one in the
        // store's hands; plus, while a batch is generated, its string buffer grows by doubling, so
        // old and new buffers briefly coexist (at most half a batch more)
        long bound = (queueSize + 2L) * batchBytes * streams + streams * batchBytes / 2;
        assertThat(result.peakMemoryBytes()).isPositive().isLessThanOrEqualTo(bound);
        assertThat(rows / batchSize * batchBytes).isGreaterThan(10 * bound);
    }

    @Test
    void cancellingStopsBothSidesAndAbortsTheWrite() throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(10_000_000).batchSize(1_000).splits(2).build();
        NoopStore slow = new NoopStore(2, Duration.ofMillis(2), 0);
        CountDownLatch someRows = new CountDownLatch(5);
        Hygge runtime = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null)
                .listener(new FlowListener() {
                    @Override
                    public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                        someRows.countDown();
                    }
                }).build();
        try (runtime) {
            FlowHandle handle = runtime.start(Flow.builder("long").from(home).to(slow).parallelism(2).build());
            assertThat(someRows.await(30, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            FlowResult result = handle.result();

            assertThat(result.status()).isEqualTo(FlowStatus.CANCELLED);
            assertThat(result.error()).get().isInstanceOf(FlowCancelledException.class);
            assertThat(result.rowsRead()).isLessThan(10_000_000);
            assertThat(slow.commits()).isZero();
            assertThat(slow.aborts()).isEqualTo(1);
            assertThat(home.openReaders()).isZero();
            assertThat(home.closed()).isTrue();
        }
    }

    /**
     * A Store whose reads run where the flow's exception types cannot follow (DuckDB's Arrow scan
     * turns a reader's {@link FlowCancelledException} into the text of a {@code SQLException}) fails
     * its write with its own error the moment a reader sees the cancel flag. That error must not
     * win over the cancellation: the flow was cancelled, not failed. Repeated, because it is a race
     * between the cancelling thread and the Store's thread (CI lost it once in
     * {@code DuckDbCancellationTest}).
     */
    @Test
    void aStoreFailingBecauseItsReaderSawTheCancelStillEndsCancelled() throws Exception {
        for (int run = 0; run < 200; run++) {
            CountDownLatch reading = new CountDownLatch(1);
            ConsumingStore wrapping = new ConsumingStore("wrapping", 1, stream -> {
                long rows = 0;
                try {
                    while (stream.loadNextBatch()) {
                        rows += stream.getVectorSchemaRoot().getRowCount();
                        reading.countDown();
                    }
                } catch (Exception e) {
                    throw new StoreException("loading rows failed: " + e.getMessage());   // the type is lost
                }
                return rows;
            });
            GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(100_000_000).batchSize(10).build();
            FlowHandle handle = hygge.start(Flow.builder("race").from(home).to(wrapping).queueSize(0).parallelism(1).build());
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            FlowResult result = handle.result();

            assertThat(result.status()).as("run %d: %s", run, result.error()).isEqualTo(FlowStatus.CANCELLED);
            assertThat(result.error()).get().isInstanceOf(FlowCancelledException.class);
        }
    }

    @Test
    void interruptingTheCallerCancelsTheFlowAndKeepsTheInterruptFlag() throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(10_000_000).batchSize(1_000).build();
        NoopStore slow = new NoopStore(1, Duration.ofMillis(2), 0);
        CountDownLatch someRows = new CountDownLatch(5);
        AtomicReference<FlowResult> result = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Hygge runtime = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null)
                .listener(new FlowListener() {
                    @Override
                    public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                        someRows.countDown();
                    }
                }).build();
        try (runtime) {
            Thread caller = new Thread(() -> {
                result.set(runtime.run(Flow.builder("interrupted").from(home).to(slow).build()));
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertThat(someRows.await(30, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(30_000);

            assertThat(caller.isAlive()).isFalse();
        }
        assertThat(result.get().status()).isEqualTo(FlowStatus.CANCELLED);
        assertThat(result.get().rowsRead()).isLessThan(10_000_000);
        assertThat(flagKept.get()).isTrue();
        assertThat(slow.aborts()).isEqualTo(1);
        assertThat(home.openReaders()).isZero();
    }

    @Test
    void listenerSeesStartProgressAndEnd() {
        List<String> events = new CopyOnWriteArrayList<>();
        Hygge runtime = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(Duration.ZERO)
                .listener(new FlowListener() {
                    @Override
                    public void flowStarted(String flow) {
                        events.add("started " + flow);
                    }

                    @Override
                    public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                        events.add("batch " + totalRows);
                    }

                    @Override
                    public void flowFinished(String flow, long rows, long bytes, Duration elapsed) {
                        events.add("finished " + flow + " " + rows);
                    }
                }).build();
        try (runtime) {
            runtime.flow("events").from(GeneratedHome.builder(TestBatches.allTypes()).rows(300).batchSize(100).build())
                    .to(new NoopStore(1)).run();
        }

        assertThat(events).containsExactly("started events", "batch 100", "batch 200", "batch 300", "finished events 300");
    }

    @Test
    void missingArrowJvmFlagFailsFastNamingIt() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                CheckFlags.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(output).contains("Apache Arrow needs the JVM flag --add-opens=java.base/java.nio=ALL-UNNAMED");
    }

    /** Run in a JVM without the flag by {@link #missingArrowJvmFlagFailsFastNamingIt}. */
    public static final class CheckFlags {
        public static void main(String[] args) {
            try (Hygge ignored = Hygge.create()) {
                System.out.println("created");
            } catch (HyggeException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }


    /**
     * Reads the stream on a thread of its own and waits for it ignoring interrupts, as a native
     * engine (DuckDB reading an Arrow C stream) does.
     */
    private static long readOnAThreadOfItsOwn(ArrowReader stream) throws Exception {
        AtomicReference<Exception> error = new AtomicReference<>();
        long[] rows = new long[1];
        Thread reader = new Thread(() -> {
            try {
                while (stream.loadNextBatch()) {
                    rows[0] += stream.getVectorSchemaRoot().getRowCount();
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                error.set(e);
            }
        });
        reader.start();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return rows[0];
    }

    /** Keeps the first batch's buffers and never releases them. */
    private static long keepTheFirstBatch(ArrowReader stream) throws Exception {
        List<FieldVector> kept = new ArrayList<>();
        long rows = 0;
        while (stream.loadNextBatch()) {
            VectorSchemaRoot root = stream.getVectorSchemaRoot();
            rows += root.getRowCount();
            if (kept.isEmpty()) {
                for (FieldVector vector : root.getFieldVectors()) {
                    var pair = vector.getTransferPair(vector.getAllocator());
                    pair.transfer();
                    kept.add((FieldVector) pair.getTo());
                }
            }
        }
        return rows;
    }
}
