package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Flow;
import dev.hygge.FlowHandle;
import dev.hygge.FlowResult;
import dev.hygge.FlowStatus;
import dev.hygge.Hygge;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Home;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Split;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cancelling a flow into DuckDB while it writes. DuckDB's INSERT pulls the rows on threads of its
 * own (the Arrow C stream scan), which no interrupt of the engine's threads reaches; with
 * {@code queue_size: 0} those threads even read the Home themselves. The flow's cancel flag, which
 * the engine's readers poll between batches, must stop them: the flow ends within seconds, not
 * when the Home runs dry (minutes here), the table is as it was, no staging table stays, and every
 * buffer is returned. The Home ignores interrupts, as a native reader or a driver's socket read
 * does: DuckDB also reads on the thread that runs the INSERT, which the engine interrupts, and an
 * interruptible Home would end there whatever else the engine did.
 */
class DuckDbCancellationTest {
    private static final String CREATE = "CREATE TABLE t (id BIGINT NOT NULL, quantity INTEGER, price DOUBLE, name VARCHAR,"
            + " active BOOLEAN, day DATE, updated_at TIMESTAMPTZ, amount DECIMAL(18,2))";
    private static final String OLD_ROWS = "INSERT INTO t (id, name) SELECT i, 'old' FROM range(10) r(i)";
    /** How long a cancelled flow may take to end: far below the minutes the slow Home would run. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "queue_size={0}, {1}, if_exists {2}")
    @CsvSource({"0, temp_swap, replace", "0, temp_swap, append", "0, merge, append", "0, temp_swap, fail",
            "8, temp_swap, replace"})
    void aCancelledWriteEndsPromptlyAndLeavesTheTableAsItWas(int queueSize, String strategy, String ifExists)
            throws Exception {
        Path file = dir.resolve("cancel.duckdb");
        boolean existing = !ifExists.equals("fail");
        if (existing) {
            DuckDb.execute(file, CREATE, OLD_ROWS);
        }
        Map<String, Object> options = new HashMap<>();
        options.put("path", file.toString());
        options.put("table", "t");
        options.put("write_strategy", strategy);
        options.put("if_exists", ifExists);
        if (strategy.equals("merge")) {
            options.put("keys", List.of("id"));
        }
        options.put("schema_inference", Map.of("sample_rows", 100));
        // 10M rows, 100 a batch, 5 ms a batch: over eight minutes unless the cancellation reaches the readers
        SlowHome home = new SlowHome(GeneratedHome.builder(TestBatches.benchmark()).rows(10_000_000).batchSize(100)
                .build(), Duration.ofMillis(5));
        CountDownLatch writing = new CountDownLatch(20);
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().store(new DuckDbStoreFactory()).build())
                .progressInterval(null)
                .listener(new FlowListener() {
                    @Override
                    public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                        writing.countDown();
                    }
                }).build()) {
            FlowHandle handle = hygge.start(Flow.builder("slow").from(home).to("duckdb", options).queueSize(queueSize)
                    .parallelism(1).build());
            assertThat(writing.await(60, TimeUnit.SECONDS)).as("the write got under way").isTrue();
            long cancelled = System.nanoTime();
            handle.cancel();
            Future<FlowResult> ended = waiter.submit(handle::result);
            FlowResult result = ended.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - cancelled);

            assertThat(result.status()).as("after %s ms: %s", took.toMillis(), result.error()).isEqualTo(FlowStatus.CANCELLED);
            assertThat(result.rowsRead()).isLessThan(10_000_000);
            assertThat(home.openReaders()).isZero();
            assertThat(hygge.context().allocator().getAllocatedMemory()).as("Arrow memory held after the flow").isZero();
        } finally {
            waiter.shutdownNow();
        }
        if (existing) {
            assertThat(DuckDb.count(file, "t")).isEqualTo(10);
            assertThat(DuckDb.count(file, "t WHERE name = 'old'")).isEqualTo(10);
        } else {
            assertThat(DuckDb.count(file, "information_schema.tables WHERE table_name = 't'")).isZero();
        }
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    /**
     * A Home that takes {@code pause} over every batch, as a slow source (an API, a busy server)
     * does, and that no interrupt stops.
     */
    private static final class SlowHome implements Home {
        private final GeneratedHome rows;
        private final Duration pause;
        private final AtomicInteger openReaders = new AtomicInteger();

        SlowHome(GeneratedHome rows, Duration pause) {
            this.rows = rows;
            this.pause = pause;
        }

        @Override
        public String describe() {
            return "slow " + rows.describe();
        }

        @Override
        public List<Split> splits() {
            return rows.splits();
        }

        @Override
        public ArrowReader open(Split split, BufferAllocator allocator) {
            openReaders.incrementAndGet();
            return new ForwardingReader(allocator, rows.open(split, allocator)) {
                @Override
                public boolean loadNextBatch() throws IOException {
                    sleepUninterruptibly(pause);
                    return super.loadNextBatch();
                }

                @Override
                protected void closeReadSource() throws IOException {
                    openReaders.decrementAndGet();
                    super.closeReadSource();
                }
            };
        }

        int openReaders() {
            return openReaders.get();
        }

        /**
         * Waits as a native reader or a driver's socket read does: an interrupt does not end it (it
         * is kept for the caller), so only the flow's cancel flag can stop the stream.
         */
        private static void sleepUninterruptibly(Duration pause) {
            boolean interrupted = false;
            long end = System.nanoTime() + pause.toNanos();
            try {
                for (long left = pause.toNanos(); left > 0; left = end - System.nanoTime()) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
