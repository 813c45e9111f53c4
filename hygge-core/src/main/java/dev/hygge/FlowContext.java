package dev.hygge;

import dev.hygge.spi.Connection;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.HyggeContext;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context a flow's Home and Store are created with: the runtime's, except that a
 * {@link #warn warning} is logged with the flow's label and handed to the flow's attempt, which
 * puts it in the flow's result.
 */
final class FlowContext implements HyggeContext {
    private static final Logger LOG = LoggerFactory.getLogger(FlowContext.class);

    private final HyggeContext runtime;
    private final String label;
    private final Consumer<String> warnings;

    FlowContext(HyggeContext runtime, String label, Consumer<String> warnings) {
        this.runtime = runtime;
        this.label = label;
        this.warnings = warnings;
    }

    @Override
    public BufferAllocator allocator() {
        return runtime.allocator();
    }

    @Override
    public <C extends Connection> C connection(String name, Class<C> type) {
        return runtime.connection(name, type);
    }

    @Override
    public FlowListener listener() {
        return runtime.listener();
    }

    @Override
    public Logger logger(Class<?> type) {
        return runtime.logger(type);
    }

    @Override
    public void warn(String message) {
        LOG.warn("{} - {}", label, message);
        warnings.accept(message);
    }
}
