package dev.hygge.parquet;

import dev.hygge.spi.Readers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.StoreException;
import dev.hygge.parquet.faults.ChildJvm;
import dev.hygge.parquet.faults.ParquetFaultChild;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import dev.hygge.testkit.RangeSplit;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers of one parquet folder, in one JVM and in two processes: every row of both is kept. */
class TwoWritersTest {
    private static final long ROWS = 150_000;

    @TempDir
    Path dir;

    private static List<String> names(Path folder) {
        return ParquetStore.dataFiles(folder).stream().map(p -> folder.relativize(p).toString()).toList();
    }

    private static List<String> sequence(String name, long count) {
        return LongStream.range(0, count).mapToObj(i -> String.format("%s_%020d.parquet", name, i)).toList();
    }

    @Test
    void twoFlowsAppendingToOneFolderAtOnceKeepEveryRow() throws Exception {
        Path lake = dir.resolve("lake");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // 20 ms per rename: two commits of 6 files each overlap unless one waits for the other
        Staging.afterRename = () -> sleep(20);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            for (int trial = 1; trial <= 3; trial++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<FlowResult>> flows = List.of("a", "b").stream().map(flow -> pool.submit(() -> {
                    go.await();
                    return hygge.flow(flow).entity("orders").from(ParquetFaultChild.home(ROWS))
                            .to("parquet", Map.of("path", lake.toString(), "rows_per_file", 25_000)).parallelism(2).run();
                })).toList();
                go.countDown();
                for (Future<FlowResult> flow : flows) {
                    assertThat(flow.get(2, TimeUnit.MINUTES).rowsWritten()).isEqualTo(ROWS);
                }
                Path orders = lake.resolve("orders");
                assertThat(DuckDbCheck.count(orders + "/*.parquet")).as("trial %d", trial).isEqualTo(2 * ROWS * trial);
                assertThat(names(orders)).as("trial %d", trial).containsExactlyElementsOf(sequence("orders", 12L * trial));
                assertThat(orders.resolve(Staging.ROOT)).doesNotExist();
            }
        } finally {
            Staging.afterRename = () -> {};
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSecondWriterWaitsForTheLockThenFailsNamingTheHolderAndLeavesTheFirstAlone() throws Exception {
        Path lake = dir.resolve("lake");
        Path orders = lake.resolve("orders");
        HeldHome held = new HeldHome();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            Future<FlowResult> first = pool.submit(() -> hygge.flow("a").entity("orders").from(held)
                    .to("parquet", Map.of("path", lake.toString())).run());
            assertThat(held.reading.await(30, TimeUnit.SECONDS)).isTrue();
            Path lockFile = orders.resolve("_hygge.lock");
            assertThat(lockFile).exists();
            assertThat(DestinationLock.holderOf(lockFile)).hasValueSatisfying(h -> assertThat(h).contains("flow a/orders"));
            List<Path> firstStaging;
            try (var runs = Files.list(orders.resolve(Staging.ROOT))) {
                firstStaging = runs.toList();
            }

            long started = System.nanoTime();
            assertThatThrownBy(() -> hygge.flow("b").entity("orders").from(ParquetFaultChild.home(1_000))
                    .to("parquet", Map.of("path", lake.toString())).lockTimeout(Duration.ofMillis(300)).run())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("parquet " + orders)
                    .hasMessageContaining("is being written by run")
                    .hasMessageContaining("flow a/orders")
                    .hasMessageContaining("process " + ProcessHandle.current().pid())
                    .hasMessageContaining("waited 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            // the waiting writer neither removed the running write's staged files nor wrote any of its own
            assertThat(firstStaging).hasSize(1).allSatisfy(run -> assertThat(run).isDirectory());
            try (var runs = Files.list(orders.resolve(Staging.ROOT))) {
                assertThat(runs.toList()).containsExactlyElementsOf(firstStaging);
            }

            held.release.countDown();
            assertThat(first.get(1, TimeUnit.MINUTES).rowsWritten()).isEqualTo(HeldHome.ROWS);
            hygge.flow("b").entity("orders").from(ParquetFaultChild.home(1_000))
                    .to("parquet", Map.of("path", lake.toString())).parallelism(1).lockTimeout(Duration.ofMillis(300)).run();
            assertThat(DuckDbCheck.count(orders + "/*.parquet")).isEqualTo(HeldHome.ROWS + 1_000);
            assertThat(names(orders)).containsExactlyElementsOf(sequence("orders", 2));
        } finally {
            held.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void twoProcessesAppendingToOneFolderKeepEveryRow() throws Exception {
        Path lake = dir.resolve("lake");
        for (int trial = 1; trial <= 3; trial++) {
            // 6 files each and 30 ms per rename: the two commits overlap unless one waits for the other
            ChildJvm one = ChildJvm.start(dir, "append", lake.toString(), Long.toString(ROWS), "25000", "30");
            ChildJvm two = ChildJvm.start(dir, "append", lake.toString(), Long.toString(ROWS), "25000", "30");
            assertThat(one.waitFor(Duration.ofMinutes(2))).as(one.describe()).isZero();
            assertThat(two.waitFor(Duration.ofMinutes(2))).as(two.describe()).isZero();
            assertThat(DuckDbCheck.count(lake + "/*.parquet")).as("trial %d", trial).isEqualTo(2 * ROWS * trial);
            assertThat(names(lake)).as("trial %d", trial).containsExactlyElementsOf(sequence("faults", 12L * trial));
            assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
        }
    }

    @Test
    void aWriterInAnotherProcessHoldsTheLockUntilItsCommitEnds() throws Exception {
        Path lake = dir.resolve("lake");
        // 4 files (2 streams of 15,000 rows, 10,000 a file) at 1 s per rename: the child holds the lock 4 s inside its commit
        ChildJvm child = ChildJvm.start(dir, "append", lake.toString(), "30000", "10000", "1000");
        try {
            assertThat(child.await("committing", Duration.ofMinutes(1))).as(child.describe()).isTrue();
            try (Hygge hygge = ParquetRoundTripTest.runtime()) {
                assertThatThrownBy(() -> hygge.flow("faults").from(ParquetFaultChild.home(1_000))
                        .to("parquet", Map.of("path", lake.toString())).lockTimeout(Duration.ofMillis(300)).run())
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("is being written by run")
                        .hasMessageContaining("flow faults, process " + child.pid());
                assertThat(child.waitFor(Duration.ofMinutes(1))).as(child.describe()).isZero();
                hygge.flow("faults").from(ParquetFaultChild.home(1_000)).to("parquet", Map.of("path", lake.toString()))
                        .parallelism(1).lockTimeout(Duration.ofMillis(300)).run();
            }
        } finally {
            child.kill();
        }
        assertThat(DuckDbCheck.count(lake + "/*.parquet")).isEqualTo(31_000);
        assertThat(names(lake)).containsExactlyElementsOf(sequence("faults", 5));
    }

    /** A Home of one batch that waits, once the write has begun, until the test releases it. */
    private static final class HeldHome implements Home {
        static final int ROWS = 1_000;
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String describe() {
            return "held";
        }

        @Override
        public List<Split> splits() {
            return List.of(new RangeSplit(0, ROWS));
        }

        @Override
        public ArrowReader open(Split split, BufferAllocator allocator) {
            boolean[] done = {false};
            return Readers.filling(allocator, TestBatches.benchmark().schema(), root -> {
                if (done[0]) {
                    return false;
                }
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("held home interrupted");
                }
                TestBatches.benchmark().fill(root, 0, ROWS);
                done[0] = true;
                return true;
            });
        }
    }
}
