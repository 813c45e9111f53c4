package dev.hygge;

import dev.hygge.spi.FlowListener;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener; one that throws is logged and does not stop the flow or the others. */
final class CompositeFlowListener implements FlowListener {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeFlowListener.class);
    private final List<FlowListener> listeners;

    private CompositeFlowListener(List<FlowListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static FlowListener of(List<FlowListener> listeners) {
        return listeners.size() == 1 ? listeners.get(0) : new CompositeFlowListener(listeners);
    }

    private void each(java.util.function.Consumer<FlowListener> event) {
        for (FlowListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} failed", listener, e);
            }
        }
    }

    @Override
    public void flowStarted(String flow) {
        each(l -> l.flowStarted(flow));
    }

    @Override
    public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
        each(l -> l.batchWritten(flow, batchRows, totalRows, totalBytes));
    }

    @Override
    public void flowFinished(String flow, long rows, long bytes, Duration elapsed) {
        each(l -> l.flowFinished(flow, rows, bytes, elapsed));
    }

    @Override
    public void flowFailed(String flow, Throwable error) {
        each(l -> l.flowFailed(flow, error));
    }
}
