package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.Flow;
import dev.hygge.spi.WriteRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * One runnable flow of a project: a flow, or one entity of an entity flow, with its settings
 * merged (entity over flow over project defaults) and resolved.
 *
 * <pre>{@code
 * for (FlowDefinition d : project.flows()) {
 *     Flow flow = d.toFlow();     // dev.hygge.Flow, run by Hygge.run(List, RunOptions)
 * }
 * }</pre>
 *
 * @param flow the flow's name
 * @param entity the entity, for entity flows
 * @param home the Home's type and options
 * @param store the Store's type and options
 * @param parallelism streams at most, 0 = as many as the machine has cores
 * @param queueSize batches read ahead per stream
 * @param origin where the flow (or the entity) is defined
 * @param lockTimeout how long the write waits for another writer of its destination ({@code lock_timeout})
 */
public record FlowDefinition(String flow, Optional<String> entity, PluginSpec home, PluginSpec store, int parallelism,
                             int queueSize, Origin origin, Duration lockTimeout) {
    /** With the default {@code lock_timeout}. */
    public FlowDefinition(String flow, Optional<String> entity, PluginSpec home, PluginSpec store, int parallelism,
                          int queueSize, Origin origin) {
        this(flow, entity, home, store, parallelism, queueSize, origin, WriteRequest.DEFAULT_LOCK_WAIT);
    }

    public FlowDefinition {
        requireNonNull(lockTimeout, "lockTimeout is null");
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(home, "home is null");
        requireNonNull(store, "store is null");
        requireNonNull(origin, "origin is null");
    }

    /** {@code flow} or {@code flow/entity}, as results and progress name it. */
    public String label() {
        return entity.map(e -> flow + "/" + e).orElse(flow);
    }

    /** The engine's flow: Home and Store given by type and options, created when it runs. */
    public Flow toFlow() {
        return Flow.builder(flow)
                .entity(entity.orElse(null))
                .from(home.type(), home.options())
                .to(store.type(), store.options())
                .parallelism(parallelism)
                .queueSize(queueSize)
                .lockTimeout(lockTimeout)
                .build();
    }
}
