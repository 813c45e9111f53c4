package dev.hygge;

import dev.hygge.spi.HyggeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many flows, at most {@code max_parallel_flows} at once. Unless {@code continue_on_error},
 * the first failure cancels the flows still running (their writes abort) and the flows not yet
 * started are reported as cancelled without running.
 */
final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final Hygge runtime;
    private final RunOptions options;

    Coordinator(Hygge runtime, RunOptions options) {
        this.runtime = runtime;
        this.options = options;
    }

    RunResult run(List<Flow> flows) {
        long start = System.nanoTime();
        List<FlowExecution> executions = new ArrayList<>();
        for (Flow flow : flows) {
            executions.add(runtime.newExecution(flow));
        }
        Semaphore slots = new Semaphore(options.maxParallelFlows());
        List<Future<FlowResult>> futures = new ArrayList<>();
        boolean interrupted = false;
        for (FlowExecution execution : executions) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                interrupted = true;
                executions.forEach(x -> x.cancel("the run was interrupted"));
                slots.acquireUninterruptibly();
            }
            futures.add(runtime.executor().submit(() -> {
                try {
                    FlowResult result = execution.run();
                    if (!result.succeeded() && !options.continueOnError()) {
                        String reason = "flow " + result.label() + " failed first (continue_on_error is false)";
                        for (FlowExecution other : executions) {
                            if (other != execution) {
                                other.cancel(reason);
                            }
                        }
                    }
                    return result;
                } finally {
                    slots.release();
                }
            }));
        }
        List<FlowResult> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            results.add(await(futures.get(i), executions.get(i)));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RunResult result = new RunResult(results, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("Run finished: {} of {} flows succeeded, {} rows in {} ms", results.size() - result.failed().size(),
                results.size(), result.rowsWritten(), result.duration().toMillis());
        return result;
    }

    private static FlowResult await(Future<FlowResult> future, FlowExecution execution) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    execution.cancel("the run was interrupted");
                } catch (ExecutionException e) {
                    Flow flow = execution.flow();
                    return new FlowResult(flow.name(), flow.entity(), FlowStatus.FAILED, 0, 0, 0, Duration.ZERO, 0,
                            Optional.of(new HyggeException("Flow " + flow.label() + " failed: " + e.getCause(), e.getCause())));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
