package dev.hygge;

/**
 * How the coordinator runs many flows.
 *
 * @param maxParallelFlows flows running at once (default 4)
 * @param continueOnError when false (default) the first failure cancels the flows still running
 *     and skips those not started; when true every flow runs regardless
 */
public record RunOptions(int maxParallelFlows, boolean continueOnError) {
    public static final RunOptions DEFAULTS = new RunOptions(4, false);

    public RunOptions {
        if (maxParallelFlows < 1) {
            throw new IllegalArgumentException("max_parallel_flows must be at least 1: " + maxParallelFlows);
        }
    }
}
