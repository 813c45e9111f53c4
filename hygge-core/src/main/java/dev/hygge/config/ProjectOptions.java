package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.Flow;
import dev.hygge.RunOptions;
import dev.hygge.spi.WriteRequest;
import java.time.Duration;

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
 *   lock_timeout: 10m          # how long a write waits for another writer of its destination; default 10m
 * }</pre>
 */
public record ProjectOptions(int maxParallelFlows, boolean continueOnError, int queueSize, int parallelism,
                             Duration lockTimeout) {
    public static final ProjectOptions DEFAULTS = new ProjectOptions(RunOptions.DEFAULTS.maxParallelFlows(),
            RunOptions.DEFAULTS.continueOnError(), Flow.DEFAULT_QUEUE_SIZE, 0, WriteRequest.DEFAULT_LOCK_WAIT);

    public ProjectOptions {
        requireNonNull(lockTimeout, "lockTimeout is null");
    }

    /** With the default {@code lock_timeout}. */
    public ProjectOptions(int maxParallelFlows, boolean continueOnError, int queueSize, int parallelism) {
        this(maxParallelFlows, continueOnError, queueSize, parallelism, WriteRequest.DEFAULT_LOCK_WAIT);
    }

    public RunOptions runOptions() {
        return new RunOptions(maxParallelFlows, continueOnError);
    }
}
