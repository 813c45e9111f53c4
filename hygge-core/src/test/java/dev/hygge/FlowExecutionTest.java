package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Home;
import dev.hygge.spi.Store;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.InMemoryHome;
import dev.hygge.testkit.TestBatches;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One flow over a runtime of the test's own: only what {@link FlowRuntime} gives, no {@link Hygge}. */
class FlowExecutionTest {
    private final BufferAllocator root = new RootAllocator();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        root.close(); // throws if the flow left a buffer behind
    }

    @Test
    void runsOnTheRuntimeItIsGiven() {
        CollectingStore store = new CollectingStore(2);
        try (InMemoryHome home = home(10_000, 4)) {
            FlowResult result = new FlowExecution(runtime(threads, home, store), flow(home, store, 4), "run-1").run();

            assertThat(result.status()).isEqualTo(FlowStatus.SUCCEEDED);
            assertThat(result.rowsWritten()).isEqualTo(10_000);
            assertThat(store.committed()).hasSize(10_000);
            assertThat(events).startsWith("started users").endsWith("finished users 10000");
        }
    }

    @Test
    void aRefusedTaskFailsTheFlowAndAbortsTheWrite() {
        AtomicInteger accepted = new AtomicInteger();
        Executor refusesTheThird = task -> {
            if (accepted.incrementAndGet() > 2) {
                throw new RejectedExecutionException("no more threads");
            }
            threads.execute(task);
        };
        CollectingStore store = new CollectingStore(2);
        try (InMemoryHome home = home(10_000, 4)) {
            FlowResult result = new FlowExecution(runtime(refusesTheThird, home, store), flow(home, store, 4), "run-1").run();

            assertThat(result.status()).isEqualTo(FlowStatus.FAILED);
            assertThat(result.error()).get().extracting(Throwable::getMessage).asString().contains("no more threads");
            assertThat(store.commits()).isZero();
            assertThat(store.aborts()).isEqualTo(1);
            assertThat(store.writesClosed()).isEqualTo(1);
            assertThat(events).last().asString().startsWith("failed users");
        }
    }

    @Test
    void cancelledBeforeItRunsOpensNothing() {
        CollectingStore store = new CollectingStore(1);
        try (InMemoryHome home = home(100, 1)) {
            FlowExecution execution = new FlowExecution(runtime(threads, home, store), flow(home, store, 1), "run-1");
            execution.cancel("the run stopped");

            FlowResult result = execution.run();

            assertThat(result.status()).isEqualTo(FlowStatus.CANCELLED);
            assertThat(store.lastRequest()).isNull();
            assertThat(events).isEmpty();
        }
    }

    private InMemoryHome home(long rows, int splits) {
        return new InMemoryHome(root, TestBatches.allTypes(), rows, 1_000, splits, 2);
    }

    private static Flow flow(Home home, Store store, int parallelism) {
        return Flow.builder("users").from(home).to(store).parallelism(parallelism).queueSize(2).build();
    }

    private FlowRuntime runtime(Executor executor, Home home, Store store) {
        FlowListener listener = new FlowListener() {
            @Override
            public void flowStarted(String flow) {
                events.add("started " + flow);
            }

            @Override
            public void flowFinished(String flow, long rows, long bytes, java.time.Duration elapsed) {
                events.add("finished " + flow + " " + rows);
            }

            @Override
            public void flowFailed(String flow, Throwable error) {
                events.add("failed " + flow + ": " + error.getMessage());
            }
        };
        return new FlowRuntime() {
            @Override
            public BufferAllocator allocator() {
                return root;
            }

            @Override
            public FlowListener listener() {
                return listener;
            }

            @Override
            public Executor executor() {
                return executor;
            }

            @Override
            public void checkOptions(Flow flow) {}

            @Override
            public Home createHome(Flow flow) {
                return home;
            }

            @Override
            public Store createStore(Flow flow) {
                return store;
            }
        };
    }
}
