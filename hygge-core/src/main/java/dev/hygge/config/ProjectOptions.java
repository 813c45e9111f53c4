package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.FlowLimits;
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
 *   run_type: incremental      # full_drop (default) or incremental; a flow or entity may say otherwise
 *   retries: 3                 # times a flow is run again after a transient fault of its Home or Store; default 3
 *   retry_delay: 2s            # the first wait between attempts, doubling; default 2s
 * }</pre>
 *
 * <p>Defaults and ranges are {@link FlowLimits}'s, the ones the SDK's builders apply too. The
 * engine takes these as its {@code RunOptions} through {@code dev.hygge.ProjectFlows}.
 */
public record ProjectOptions(int maxParallelFlows, boolean continueOnError, int queueSize, int parallelism,
                             Duration lockTimeout, boolean incremental, int retries, Duration retryDelay) {
    public static final ProjectOptions DEFAULTS = new ProjectOptions(FlowLimits.MAX_PARALLEL_FLOWS.defaultValue(),
            FlowLimits.CONTINUE_ON_ERROR, FlowLimits.QUEUE_SIZE.defaultValue(), FlowLimits.PARALLELISM.defaultValue(),
            FlowLimits.LOCK_TIMEOUT);

    public ProjectOptions {
        requireNonNull(lockTimeout, "lockTimeout is null");
        requireNonNull(retryDelay, "retryDelay is null");
    }

    /** Full runs, the default retries. */
    public ProjectOptions(int maxParallelFlows, boolean continueOnError, int queueSize, int parallelism, Duration lockTimeout) {
        this(maxParallelFlows, continueOnError, queueSize, parallelism, lockTimeout, false, FlowLimits.RETRIES.defaultValue(),
                FlowLimits.RETRY_DELAY);
    }

    /** With the default {@code lock_timeout}. */
    public ProjectOptions(int maxParallelFlows, boolean continueOnError, int queueSize, int parallelism) {
        this(maxParallelFlows, continueOnError, queueSize, parallelism, FlowLimits.LOCK_TIMEOUT);
    }
}
