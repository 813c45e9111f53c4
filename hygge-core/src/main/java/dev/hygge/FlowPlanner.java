package dev.hygge;

import dev.hygge.spi.Home;
import dev.hygge.spi.Options;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Split;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.SupportsWritePlan;
import dev.hygge.spi.WritePlan;
import dev.hygge.spi.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The dry run behind {@link Hygge#plan(Flow)}: the flow's first steps as a run takes them (options
 * checked, Home and Store created, the first split opened, the Store's sample read where it needs one, by the engine's
 * rule) up to where the write would begin; there the Store is asked for its plan instead
 * ({@link SupportsWritePlan}), and the path the rows would take ({@link EnginePath}). Nothing is
 * written and no lock is taken. A Store whose factory neither plans writes nor takes relations
 * ({@link StoreFactory.TakesRelations}) is not created; nor is one whose creation would create something
 * ({@link StoreFactory#createsOnOpen}: a database file). A Home or Store the flow was handed as an
 * object stays open for the flow's run; the ones created here are closed.
 */
final class FlowPlanner {
    private final FlowRuntime runtime;
    private final Plugins plugins;
    private final String runId;

    FlowPlanner(FlowRuntime runtime, Plugins plugins, String runId) {
        this.runtime = runtime;
        this.plugins = plugins;
        this.runId = runId;
    }

    FlowPlan plan(Flow flow) {
        runtime.checkOptions(flow);
        BufferAllocator allocator = runtime.allocator().newChildAllocator("plan " + flow.label(), 0, Long.MAX_VALUE);
        Home home = null;
        Store store = null;
        StreamSource source = null;
        List<VectorSchemaRoot> sample = new ArrayList<>();
        try {
            home = runtime.createHome(flow);
            List<Split> splits = home.splits();
            Queue<Split> pending = new ConcurrentLinkedQueue<>(splits);
            source = new StreamSource(home, pending, allocator, null, new AtomicLong(), () -> false, null)
                    .polished(flow.polish().orElse(null), java.time.Instant.now(), runId + "-plan");
            Schema schema = source.open();
            Optional<String> note = withoutStore(flow);
            if (note.isPresent()) {
                return new FlowPlan(flow.name(), flow.entity(), home.describe(), splits.size(), flow.store().type(), schema,
                        Optional.empty(), note);
            }
            store = runtime.createStore(flow);
            int streams = FlowAttempt.streams(flow, store, splits.size());
            WriteRequest asked = FlowAttempt.request(flow, schema, streams, List.of(), runId + "-plan");
            Optional<String> path = Optional.of(EnginePath.choose(flow, home, store, asked).describe());
            if (!(store instanceof SupportsWritePlan planner)) {
                return new FlowPlan(flow.name(), flow.entity(), home.describe(), splits.size(), store.describe(), schema,
                        Optional.empty(), Optional.of("the Store does not plan its writes; nothing written"), path);
            }
            if (store.needsSample(asked)) {                                  // as a run does
                FlowAttempt.readSample(source, store.sampleRows(), store.sampleBatches(), sample);
            }
            WritePlan write = planner.planWrite(FlowAttempt.request(flow, schema, streams, sample, runId + "-plan"));
            return new FlowPlan(flow.name(), flow.entity(), home.describe(), splits.size(), store.describe(), schema,
                    Optional.of(write), Optional.empty(), path);
        } finally {
            sample.forEach(VectorSchemaRoot::close);
            if (source != null) {
                source.close();
            }
            if (store != null && flow.store().instance() == null) {
                store.close();
            }
            if (home != null && flow.home().instance() == null) {
                home.close();
            }
            allocator.close();
        }
    }

    /** Why no Store is created for the plan: its factory makes no plans, or creating it would create something. */
    private Optional<String> withoutStore(Flow flow) {
        Flow.Plugin<Store> store = flow.store();
        if (store.instance() != null) {
            return Optional.empty();
        }
        StoreFactory<?> factory = plugins.store(store.type());
        if (!(factory instanceof StoreFactory.PlansWrites) && !(factory instanceof StoreFactory.TakesRelations)) {
            return Optional.of("the Store does not plan its writes; nothing written");
        }
        return createsOnOpen(factory, store.options(), "Store '" + store.type() + "' of flow " + flow.label());
    }

    private static <O> Optional<String> createsOnOpen(StoreFactory<O> factory, Map<String, Object> options, String where) {
        return factory.createsOnOpen(Options.bind(options, factory.optionsType(), where));
    }
}
