package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsWritePlan;
import dev.hygge.spi.WritePlan;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.NoopStoreFactory;
import dev.hygge.testkit.TestBatches;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * {@link Hygge#plan(Flow)} with the engine's own fakes: what is created, asked and closed. A Store
 * that does not plan is never created; one that plans is asked with the request a run would begin
 * with; a Home or Store the flow was handed stays open for the run; every buffer is returned.
 */
class FlowPlanTest {
    /** {@code type: planning}: counts the Stores it creates; each plans with the request it is given. */
    static final class PlanningFactory implements StoreFactory<PlanningFactory.Options>, StoreFactory.PlansWrites {
        public static final class Options {
            public String table = "t";
            public boolean absent;
        }

        final AtomicInteger created = new AtomicInteger();
        final AtomicReference<WriteRequest> asked = new AtomicReference<>();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String type() {
            return "planning";
        }

        @Override
        public Class<Options> optionsType() {
            return Options.class;
        }

        @Override
        public Optional<String> createsOnOpen(Options options) {
            return options.absent ? Optional.of("database " + options.table + " does not exist yet") : Optional.empty();
        }

        @Override
        public Store create(Options options, HyggeContext context) {
            created.incrementAndGet();
            return new PlanningStore(options.table);
        }

        final class PlanningStore implements Store, SupportsWritePlan {
            private final String table;

            PlanningStore(String table) {
                this.table = table;
            }

            @Override
            public String describe() {
                return "planning " + table;
            }

            @Override
            public long sampleRows() {
                return 250;
            }

            @Override
            public StoreWrite begin(WriteRequest request) {
                throw new AssertionError("a plan began a write");
            }

            @Override
            public WritePlan planWrite(WriteRequest request) {
                asked.set(request);
                long rows = request.sample().stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
                return new WritePlan() {
                    @Override
                    public String describe() {
                        return "CREATE " + table + "\nfrom " + rows + " rows";
                    }

                    @Override
                    public List<String> statements() {
                        return List.of("CREATE " + table);
                    }
                };
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
    }

    private final PlanningFactory planning = new PlanningFactory();

    private Hygge runtime() {
        return Hygge.builder().plugins(Plugins.builder().store(planning).store(new NoopStoreFactory()).build())
                .progressInterval(null).build();
    }

    private static GeneratedHome home() {
        return GeneratedHome.builder(TestBatches.benchmark()).rows(1_000).batchSize(100).splits(2).build();
    }

    @Test
    void aStoreThatPlansIsAskedWithTheRequestARunBeginsWithAndClosed() {
        GeneratedHome home = home();
        try (Hygge hygge = runtime()) {
            FlowPlan plan = hygge.plan(Flow.builder("orders").entity("eu").from(home).to("planning", Map.of("table", "o"))
                    .parallelism(2).build());

            assertThat(plan.label()).isEqualTo("orders/eu");
            assertThat(plan.splits()).isEqualTo(2);
            assertThat(plan.store()).isEqualTo("planning o");
            assertThat(plan.write().orElseThrow().statements()).containsExactly("CREATE o");
            assertThat(plan.describe()).contains("  store: planning o (nothing written), the write would be:\n"
                    + "    CREATE o\n    from 300 rows\n");
            WriteRequest asked = planning.asked.get();
            assertThat(asked.name()).isEqualTo("eu");
            assertThat(asked.schema()).isEqualTo(TestBatches.benchmark().schema());
            assertThat(asked.lockWait()).isEqualTo(WriteRequest.DEFAULT_LOCK_WAIT);
            assertThat(asked.streams()).as("a Store of one stream").isEqualTo(1);
            assertThat(planning.created).hasValue(1);
            assertThat(planning.closed).hasValue(1);
            assertThat(home.openReaders()).isZero();
            assertThat(home.closed()).as("a Home handed to the flow stays open for its run").isFalse();
            assertThat(hygge.context().allocator().getAllocatedMemory()).isZero();
        }
    }

    @Test
    void aStoreThatDoesNotPlanIsNotCreated() {
        try (Hygge hygge = runtime()) {
            FlowPlan plan = hygge.plan(Flow.builder("f").from(home()).to("noop", Map.of()).build());

            assertThat(plan.write()).isEmpty();
            assertThat(plan.store()).isEqualTo("noop");
            assertThat(plan.note()).contains("the Store does not plan its writes; nothing written");
            assertThat(plan.describe()).contains("  store: noop: the Store does not plan its writes; nothing written\n");
        }
    }

    @Test
    void aStoreWhoseCreationWouldCreateSomethingIsNotCreated() {
        try (Hygge hygge = runtime()) {
            FlowPlan plan = hygge.plan(Flow.builder("f").from(home()).to("planning", Map.of("table", "w", "absent", true))
                    .build());

            assertThat(plan.write()).isEmpty();
            assertThat(plan.note()).contains("database w does not exist yet");
            assertThat(planning.created).hasValue(0);
        }
    }

    @Test
    void aStoreHandedToTheFlowPlansAndStaysOpenForTheRun() {
        CollectingStore store = new CollectingStore(1);
        try (Hygge hygge = runtime()) {
            Flow flow = Flow.builder("f").from(home()).to(store).build();
            FlowPlan plan = hygge.plan(flow);
            assertThat(plan.note()).contains("the Store does not plan its writes; nothing written");
            assertThat(store.closed()).isFalse();

            assertThat(hygge.run(flow).status()).isEqualTo(FlowStatus.SUCCEEDED);
            assertThat(store.commits()).isEqualTo(1);
        }
    }

    @Test
    void optionProblemsAreReportedBeforeAnythingOpens() {
        GeneratedHome home = home();
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.plan(Flow.builder("f").from(home).to("planning", Map.of("tabel", "x")).build()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("tabel");
        }
        assertThat(planning.created).hasValue(0);
        assertThat(home.openReaders()).isZero();
    }
}
