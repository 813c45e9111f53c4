package dev.hygge.spi;

import java.util.Optional;

/**
 * Creates Stores of one type. Found with {@link java.util.ServiceLoader}: declare the class in
 * {@code META-INF/services/dev.hygge.spi.StoreFactory}.
 *
 * @since 0.1
 */
public interface StoreFactory<O> extends PluginFactory<O> {
    Store create(O options, HyggeContext context);

    /**
     * Where a Store with {@code options} writes for {@code entity} (or the flow {@code flow} when there
     * is none), resolved by the Store's own naming rules, without opening anything; empty when the
     * Store cannot tell (the default). Projects use it to report, before a run, two flows whose names
     * land in one folder or table.
     *
     * @throws dev.hygge.spi.ConfigException when the name cannot be used by this Store (it would reach
     *     outside the destination, or the Store's rules reject it)
     * @since 0.1
     */
    default Optional<Destination> destination(O options, String flow, Optional<String> entity) {
        return Optional.empty();
    }

    /**
     * What creating a Store with {@code options} would create that is not there yet (a database
     * file: opening it creates it), said for people; empty when creating the Store creates nothing
     * (the default). A dry run ({@code hygge debug}, {@code Hygge.plan}) creates no Store when this
     * says something, and shows it instead of a plan.
     *
     * @since 0.1
     */
    default Optional<String> createsOnOpen(O options) {
        return Optional.empty();
    }

    /**
     * Whether a Store with {@code options} merges the rows of an incremental run on a key
     * ({@code write_strategy: merge}) rather than appending them: then a project's incremental flow
     * into it needs {@code watermark.primary_key}, checked when the project loads. The default: no.
     *
     * @since 0.1
     */
    default boolean merges(O options) {
        return false;
    }

    /**
     * Marks a factory whose Stores implement {@link SupportsWritePlan}: a caller that only wants the
     * plan creates the Store only then (and only when {@link #createsOnOpen} is empty).
     *
     * @since 0.1
     */
    interface PlansWrites {
    }

    /**
     * Marks a factory whose Stores may implement {@link SupportsEngineWrite}, and whose creation
     * creates nothing: {@code hygge debug} creates such a Store (though it plans no writes) to say
     * whether rows would be copied inside an engine.
     *
     * @since 0.3
     */
    interface TakesRelations {
    }

    /**
     * Marks a factory whose Stores implement {@link SupportsState}: an incremental flow's watermark
     * is committed with its data.
     *
     * @since 0.1
     */
    interface KeepsState {
    }
}
