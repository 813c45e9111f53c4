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
}
