package dev.hygge;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.FlowLimits;

/**
 * How the coordinator runs many flows. Defaults and range are {@link FlowLimits}'s, the same a
 * project's {@code options:} is checked against.
 *
 * <pre>{@code
 * hygge.run(flows, new RunOptions(4, true));    // four at a time, every flow runs whatever fails
 * }</pre>
 *
 * @param maxParallelFlows flows running at once (default 4, from 1 to 1024)
 * @param continueOnError when false (default) the first failure cancels the flows still running
 *     and skips those not started; when true every flow runs regardless
 * @throws ConfigException when {@code maxParallelFlows} is out of range, worded as for {@code max_parallel_flows:} in YAML
 */
public record RunOptions(int maxParallelFlows, boolean continueOnError) {
    public static final RunOptions DEFAULTS = new RunOptions(FlowLimits.MAX_PARALLEL_FLOWS.defaultValue(),
            FlowLimits.CONTINUE_ON_ERROR);

    public RunOptions {
        FlowLimits.MAX_PARALLEL_FLOWS.problem(maxParallelFlows).ifPresent(problem -> {
            throw new ConfigException(problem);
        });
    }
}
