package dev.hygge.spi;

/**
 * Progress events of flows. Called from engine threads; implementations are thread-safe and quick.
 *
 * @since 0.1
 */
public interface FlowListener {
    FlowListener NONE = new FlowListener() {};

    default void flowStarted(String flow) {}

    /** A batch was handed to the Store; the totals are the flow's so far. */
    default void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {}

    default void flowFinished(String flow, long rows, long bytes, java.time.Duration elapsed) {}

    default void flowFailed(String flow, Throwable error) {}
}
