package dev.hygge.spi;

import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;

/**
 * What the runtime hands a plugin: an allocator, the run's named connections and the listener.
 * Deliberately narrow: plugins never see the engine.
 *
 * @since 0.1
 */
public interface HyggeContext {

    /** The runtime's allocator; plugins that need long-lived buffers take a child of it. */
    BufferAllocator allocator();

    /**
     * The named connection, opened once per run on first use and closed when the run ends.
     *
     * @throws dev.hygge.spi.ConfigException when no connection has that name, or it is of another type
     */
    <C extends Connection> C connection(String name, Class<C> type);

    /** Listener for progress events. */
    FlowListener listener();

    /** A logger named for the plugin. */
    Logger logger(Class<?> type);

    /**
     * Warns about the flow this context created the Home or Store for: something the run left out or
     * could not do as asked without failing (CSV rows skipped by {@code on_bad_row: skip}, with their
     * count and where they were written). The warning is logged and carried into the flow's result
     * ({@code FlowResult.warnings()}), so the CLI counts the flow as WARN and prints it, and the
     * run record and the journal keep it. Safe from any thread. A context not made for one flow
     * (the runtime's own) only logs it.
     *
     * @param message one line, naming the file, table or query and what to do about it
     * @since 0.6
     */
    default void warn(String message) {
        logger(HyggeContext.class).warn("{}", message);
    }
}
