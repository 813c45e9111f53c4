package dev.hygge;

import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Home;
import dev.hygge.spi.Store;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What running one flow needs from the runtime around it, and nothing more: memory, threads, where
 * progress goes, and the flow's Home and Store. {@link Hygge} gives one to each {@link FlowExecution};
 * a test can give its own (an executor that refuses work, a listener that records).
 */
interface FlowRuntime {
    /** The parent of the flow's own allocator. */
    BufferAllocator allocator();

    FlowListener listener();

    /** Runs the flow's reader and writer tasks. */
    Executor executor();

    /** Every option problem of the flow's Home and Store at once, before either is created. */
    void checkOptions(Flow flow);

    /** The flow's Home: its instance, or one created by the plugin its type names. */
    Home createHome(Flow flow);

    /** The flow's Store: its instance, or one created by the plugin its type names. */
    Store createStore(Flow flow);

    /**
     * As {@link #createHome(Flow)}, the Home's {@link dev.hygge.spi.HyggeContext#warn warnings} going to
     * {@code warnings} (an instance given to the flow has no context of the flow's: it can only log).
     */
    default Home createHome(Flow flow, java.util.function.Consumer<String> warnings) {
        return createHome(flow);
    }

    /** As {@link #createStore(Flow)}, the Store's warnings going to {@code warnings}. */
    default Store createStore(Flow flow, java.util.function.Consumer<String> warnings) {
        return createStore(flow);
    }
}
