package dev.hygge;

import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import dev.hygge.spi.Store;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which way a flow's rows move, and why: inside one engine, when the Home offers its splits as a
 * relation of an engine ({@link SupportsEngineRelation}) and the Store takes relations of that
 * engine ({@link SupportsEngineWrite}), and nothing of the flow needs Arrow batches; otherwise as
 * Arrow batches from Home to Store (the general path). {@link FlowAttempt} takes the path chosen,
 * {@link FlowPlan#path()} shows it.
 *
 * @param engine the engine that copies the rows, when in-engine
 * @param reason why this path, in words for {@code hygge debug}
 */
record EnginePath(Optional<String> engine, String reason) {

    /** Whether the rows are copied inside the engine. */
    boolean inEngine() {
        return engine.isPresent();
    }

    /** One line: {@code in-engine (duckdb): ...} or {@code arrow: ...}. */
    String describe() {
        return engine.map(e -> "in-engine (" + e + "): ").orElse("arrow batches: ") + reason;
    }

    /**
     * The path of {@code flow} from {@code home} into {@code store}, for a write of {@code request}.
     * The Arrow path is kept when the flow asks for it or polishes its rows, when either side
     * cannot take the other's engine, and for a flow with a watermark when the Store cannot track
     * it inside the engine ({@link SupportsEngineWrite#whyNoWatermark}: the greatest value and the
     * NULLs are then read from the batches).
     */
    static EnginePath choose(Flow flow, Home home, Store store, WriteRequest request) {
        if (flow.arrowPath()) {
            return arrow("asked for (arrowPath / -Dhygge.arrow_path)");
        }
        if (!(home instanceof SupportsEngineRelation relations)) {
            return arrow("the Home reads only as Arrow batches");
        }
        String engine = relations.engine();
        if (!(store instanceof SupportsEngineWrite writes)) {
            return arrow("the Store takes only Arrow batches (the Home runs on " + engine + ")");
        }
        if (flow.polish().isPresent()) {
            return arrow("polish runs on Arrow batches");
        }
        // the Arrow path for its cost, whatever else: a text Home's refusal (every CSV file sniffed) is not asked
        boolean forCost = !flow.enginePath() && relations.readsAreTheCost();
        Optional<String> homeRefuses = forCost ? Optional.empty() : relations.whyNoRelation();
        if (homeRefuses.isPresent()) {
            return arrow("the Home: " + homeRefuses.get());
        }
        Optional<String> storeRefuses = writes.whyNoRelation(relations, request);
        if (storeRefuses.isPresent()) {
            return arrow("the Store: " + storeRefuses.get());
        }
        if (forCost) {
            return arrow("the Home's reads are the copy's cost: on Arrow batches its " + engine
                    + " parses while the Store's writes (enginePath / -Dhygge.engine_path for in-engine)");
        }
        if (flow.watermark().isPresent()) {
            Optional<String> noWatermark = writes.whyNoWatermark(engine, request);
            if (noWatermark.isPresent()) {
                return arrow("the watermark is tracked on Arrow batches: the Store: " + noWatermark.get());
            }
            return new EnginePath(Optional.of(engine), "the Home and the Store both run on " + engine
                    + ", which tracks the watermark '" + flow.watermark().get().column() + "'");
        }
        return new EnginePath(Optional.of(engine), "the Home and the Store both run on " + engine);
    }

    private static EnginePath arrow(String reason) {
        return new EnginePath(Optional.empty(), reason);
    }

    /**
     * {@code splits} dealt into {@code streams} groups in turn (split {@code i} to group
     * {@code i % streams}), none empty: one relation per stream, holding the splits an Arrow
     * stream takes from the flow's queue when the streams keep pace.
     */
    static List<List<Split>> groups(List<Split> splits, int streams) {
        int count = Math.max(1, Math.min(streams, splits.size()));
        List<List<Split>> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < splits.size(); i++) {
            groups.get(i % count).add(splits.get(i));
        }
        return groups.stream().map(List::copyOf).toList();
    }
}
