package dev.hygge.config;

import dev.hygge.Flow;
import dev.hygge.RunOptions;

/**
 * A project's {@code options:}: how the coordinator runs its flows, and the defaults every flow
 * starts from.
 *
 * <pre>{@code
 * options:
 *   max_parallel_flows: 4      # flows (entities) running at once; default 4
 *   continue_on_error: true    # default false: the first failure cancels the rest
 *   queue_size: 8              # batches read ahead per stream; default 8
 *   parallelism: 0             # streams per flow; 0 (default) = as many as the machine has cores
 * }</pre>
 */
public record ProjectOptions(int maxParallelFlows, boolean continueOnError, int queueSize, int parallelism) {
    public static final ProjectOptions DEFAULTS = new ProjectOptions(RunOptions.DEFAULTS.maxParallelFlows(),
            RunOptions.DEFAULTS.continueOnError(), Flow.DEFAULT_QUEUE_SIZE, 0);

    public RunOptions runOptions() {
        return new RunOptions(maxParallelFlows, continueOnError);
    }
}
