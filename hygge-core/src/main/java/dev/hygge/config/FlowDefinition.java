package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.polish.Polish;
import dev.hygge.spi.FlowLimits;
import java.time.Duration;
import java.util.Optional;

/**
 * One runnable flow of a project: a flow, or one entity of an entity flow, with its settings
 * merged (entity over flow over project defaults) and resolved. A plain description: the engine
 * makes its {@code Flow} of it ({@code dev.hygge.ProjectFlows}), so the YAML model needs no engine.
 *
 * <pre>{@code
 * for (FlowDefinition d : project.flows()) {
 *     d.label();            // "crm/Account"
 *     d.store().type();     // "parquet"
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
 * @param run full or incremental, the watermark, retries and journal
 * @param polish the Store's {@code polish:}, if any (not among the Store's options: the engine applies it)
 */
public record FlowDefinition(String flow, Optional<String> entity, PluginSpec home, PluginSpec store, int parallelism,
                             int queueSize, Origin origin, Duration lockTimeout, RunSettings run, Optional<Polish> polish) {
    /** Without a polish. */
    public FlowDefinition(String flow, Optional<String> entity, PluginSpec home, PluginSpec store, int parallelism,
                          int queueSize, Origin origin, Duration lockTimeout, RunSettings run) {
        this(flow, entity, home, store, parallelism, queueSize, origin, lockTimeout, run, Optional.empty());
    }

    /** A full run with the default retries and no journal. */
    public FlowDefinition(String flow, Optional<String> entity, PluginSpec home, PluginSpec store, int parallelism,
                          int queueSize, Origin origin, Duration lockTimeout) {
        this(flow, entity, home, store, parallelism, queueSize, origin, lockTimeout, RunSettings.defaults(origin));
    }

    /** With the default {@code lock_timeout}. */
    public FlowDefinition(String flow, Optional<String> entity, PluginSpec home, PluginSpec store, int parallelism,
                          int queueSize, Origin origin) {
        this(flow, entity, home, store, parallelism, queueSize, origin, FlowLimits.LOCK_TIMEOUT);
    }

    public FlowDefinition {
        requireNonNull(run, "run is null");
        requireNonNull(polish, "polish is null");
        requireNonNull(lockTimeout, "lockTimeout is null");
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(home, "home is null");
        requireNonNull(store, "store is null");
        requireNonNull(origin, "origin is null");
    }

    /** This flow run the other way for once ({@code hygge start --incremental} or {@code --full-drop}). */
    public FlowDefinition withIncremental(boolean incremental) {
        return new FlowDefinition(flow, entity, home, store, parallelism, queueSize, origin, lockTimeout,
                run.withIncremental(incremental), polish);
    }

    /** {@code flow} or {@code flow/entity}, as results and progress name it. */
    public String label() {
        return entity.map(e -> flow + "/" + e).orElse(flow);
    }
}
