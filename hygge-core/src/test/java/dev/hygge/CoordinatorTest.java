package dev.hygge;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.Plugins;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.FlowListener;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.NoopStore;
import dev.hygge.testkit.TestBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoordinatorTest {

    private static Flow slowFlow(String name, long rows, NoopStore store) {
        return Flow.builder(name).from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(100).build())
                .to(store).build();
    }

    private static Flow failingFlow(String name) {
        return Flow.builder(name).from(GeneratedHome.builder(TestBatches.allTypes()).rows(1_000).batchSize(100)
                .failAtRow(0).build()).to(new CollectingStore(1)).build();
    }

    @Test
    void runsAtMostMaxParallelFlowsAtOnceAndReportsEachFlow() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        FlowListener concurrency = new FlowListener() {
            @Override
            public void flowStarted(String flow) {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            }

            @Override
            public void flowFinished(String flow, long rows, long bytes, Duration elapsed) {
                running.decrementAndGet();
            }
        };
        List<Flow> flows = new ArrayList<>();
        List<NoopStore> stores = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            NoopStore store = new NoopStore(1, Duration.ofMillis(2), 0);
            stores.add(store);
            flows.add(slowFlow("flow" + i, 3_000 + i, store));
        }
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null)
                .listener(concurrency).build()) {
            RunResult result = hygge.run(flows, new RunOptions(2, false));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.flows()).extracting(FlowResult::flow)
                    .containsExactly("flow0", "flow1", "flow2", "flow3", "flow4", "flow5");
            assertThat(result.flows()).extracting(FlowResult::rowsWritten)
                    .containsExactly(3_000L, 3_001L, 3_002L, 3_003L, 3_004L, 3_005L);
            assertThat(result.rowsWritten()).isEqualTo(18_015);
            assertThat(peak.get()).isEqualTo(2);
            assertThat(stores).allSatisfy(s -> assertThat(s.commits()).isEqualTo(1));
        }
    }

    @Test
    void firstFailureCancelsRunningFlowsAndSkipsTheRestByDefault() {
        NoopStore longRunning = new NoopStore(1, Duration.ofMillis(5), 0);
        NoopStore notStarted = new NoopStore(1);
        // the failing flow fails once the long one is writing, so that its write is begun and must abort
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        FlowListener longWrites = new FlowListener() {
            @Override
            public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                if (flow.startsWith("long")) {
                    writing.countDown();
                }
            }
        };
        GeneratedHome failing = GeneratedHome.builder(TestBatches.allTypes()).rows(1_000).batchSize(100).failAtRow(0).build();
        dev.hygge.spi.Home failsWhenLongWrites = new dev.hygge.spi.Home() {
            @Override
            public String describe() {
                return "fails once 'long' writes";
            }

            @Override
            public List<dev.hygge.spi.Split> splits() {
                return failing.splits();
            }

            @Override
            public org.apache.arrow.vector.ipc.ArrowReader open(dev.hygge.spi.Split split,
                                                                 org.apache.arrow.memory.BufferAllocator allocator) {
                try {
                    writing.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return failing.open(split, allocator);
            }
        };
        List<Flow> flows = List.of(slowFlow("long", 1_000_000, longRunning),
                Flow.builder("broken").from(failsWhenLongWrites).to(new CollectingStore(1)).build(),
                slowFlow("later", 1_000, notStarted));
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null).listener(longWrites)
                .build()) {
            RunResult result = hygge.run(flows, new RunOptions(2, false));

            assertThat(result.succeeded()).isFalse();
            assertThat(result.flows()).extracting(FlowResult::status)
                    .containsExactly(FlowStatus.CANCELLED, FlowStatus.FAILED, FlowStatus.CANCELLED);
            assertThat(result.flows().get(1).error()).get().isInstanceOf(HomeException.class);
            assertThat(result.flows().get(0).error()).get().extracting(Throwable::getMessage).asString()
                    .contains("flow broken failed first");
            assertThat(longRunning.commits()).isZero();
            assertThat(longRunning.aborts()).isEqualTo(1);
            assertThat(notStarted.commits()).isZero();
            assertThat(notStarted.rows()).isZero();
        }
    }

    @Test
    void continueOnErrorRunsEveryFlow() {
        NoopStore first = new NoopStore(1, Duration.ofMillis(1), 0);
        NoopStore last = new NoopStore(1);
        List<Flow> flows = List.of(slowFlow("first", 20_000, first), failingFlow("broken"), slowFlow("last", 1_000, last));
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null).build()) {
            RunResult result = hygge.run(flows, new RunOptions(2, true));

            assertThat(result.flows()).extracting(FlowResult::status)
                    .containsExactly(FlowStatus.SUCCEEDED, FlowStatus.FAILED, FlowStatus.SUCCEEDED);
            assertThat(result.failed()).extracting(FlowResult::flow).containsExactly("broken");
            assertThat(first.commits()).isEqualTo(1);
            assertThat(last.commits()).isEqualTo(1);
        }
    }
}
