package dev.hygge.config;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Destination;
import dev.hygge.spi.StoreFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each flow of a project writes, by its Store's own naming rules
 * ({@link StoreFactory#destination}), so that two flows landing in one folder or table are an
 * error before anything runs: names that differ in quoting, case or a default schema
 * ({@code orders}, {@code "orders"}, {@code main.orders}) would otherwise overwrite each other's
 * rows while each reports success. Two appends to the same name may share a destination: the
 * destination lock serialises them, and neither removes what the other wrote.
 */
final class Destinations {
    private record Claim(FlowDefinition flow, Destination destination) {}

    private final Map<String, Claim> byKey = new LinkedHashMap<>();
    private final Redactor redactor;

    Destinations(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Records where {@code flow} writes; a problem when that is unusable or another flow already writes there. */
    Optional<ConfigProblem> add(FlowDefinition flow, StoreFactory<?> factory, Object options) {
        Optional<Destination> destination;
        try {
            destination = destination(factory, options, flow);
        } catch (ConfigException e) {
            return Optional.of(new ConfigProblem(where(flow), "the store of flow '" + flow.label() + "' cannot write there: "
                    + redactor.redact(e.getMessage())));
        }
        if (destination.isEmpty()) {
            return Optional.empty();
        }
        Destination mine = destination.get();
        Claim first = byKey.putIfAbsent(mine.key(), new Claim(flow, mine));
        if (first == null) {
            return Optional.empty();
        }
        Destination theirs = first.destination();
        if (mine.append() && theirs.append() && mine.shown().equals(theirs.shown())) {
            return Optional.empty();
        }
        String other = "flow '" + first.flow().label() + "' (" + where(first.flow()) + ")";
        String clash = mine.shown().equals(theirs.shown())
                ? "flow '" + flow.label() + "' and " + other + " both write " + mine.shown()
                : "flow '" + flow.label() + "' writes " + mine.shown() + " and " + other + " writes " + theirs.shown()
                        + ": the same destination";
        return Optional.of(new ConfigProblem(where(flow), clash + (mine.append() && theirs.append()
                        ? "; two appends may share a destination only under one name: write the same name in both"
                        : "; only two appends may share a destination, so one would overwrite the other's rows: give each"
                                + " its own folder or table")));
    }

    /** An entity's line for an entity flow (the name a user would change), else the store's. */
    private static Origin where(FlowDefinition flow) {
        return flow.entity().isPresent() ? flow.origin() : flow.store().origin();
    }

    @SuppressWarnings("unchecked")
    private static <O> Optional<Destination> destination(StoreFactory<O> factory, Object options, FlowDefinition flow) {
        return factory.destination((O) options, flow.flow(), flow.entity());
    }
}
