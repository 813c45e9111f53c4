package dev.hygge;

import dev.hygge.spi.HyggeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** A flow started with {@link Hygge#start(Flow)}: wait for its result or cancel it. */
public final class FlowHandle {
    private final FlowExecution execution;
    private final Future<FlowResult> result;

    FlowHandle(FlowExecution execution, Future<FlowResult> result) {
        this.execution = execution;
        this.result = result;
    }

    /** Stops both sides of the flow; its write is aborted and its resources released. */
    public void cancel() {
        execution.cancel("cancelled by the caller");
    }

    /** Waits for the flow to end. */
    public FlowResult result() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new HyggeException("Flow " + execution.flow().label() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
