package dev.hygge;

import dev.hygge.spi.FlowLimits;
import dev.hygge.spi.HyggeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one flow to its end: one {@link FlowAttempt}, and again while an attempt fails with a fault
 * its Home or Store calls transient ({@link dev.hygge.spi.ClassifiesFaults}) and retries are left
 * ({@code retries}, waiting {@code retry_delay}, doubling, at most {@link FlowLimits#MAX_RETRY_WAIT}).
 * A failed attempt's write is aborted before the next begins, so its staging is gone and no row
 * lands twice. Then the listener is told, and the run recorded in the flow's journal.
 *
 * <p>Each attempt creates its Home and Store afresh. A flow given a Home or Store object (which
 * it closes when an attempt ends) is not retried: the log says so.
 */
final class FlowExecution {
    private static final Logger LOG = LoggerFactory.getLogger(FlowExecution.class);

    private final FlowRuntime runtime;
    private final Flow flow;
    private final String runId;
    private FlowAttempt current;
    private boolean cancelled;
    private String cancelReason;

    FlowExecution(FlowRuntime runtime, Flow flow, String runId) {
        this.runtime = runtime;
        this.flow = flow;
        this.runId = runId;
    }

    Flow flow() {
        return flow;
    }

    /** Cancels the flow: the running attempt stops and aborts its write, and no attempt follows. Safe from any thread. */
    void cancel(String reason) {
        FlowAttempt attempt;
        synchronized (this) {
            if (!cancelled) {
                cancelled = true;
                cancelReason = reason;
            }
            attempt = current;
            notifyAll();                          // ends a wait between attempts
        }
        if (attempt != null) {
            attempt.cancel(reason);
        }
    }

    /** Runs the flow's attempts to the end; never throws: the result says how it ended. */
    FlowResult run() {
        long start = System.nanoTime();
        String label = flow.label();
        FlowAttempt attempt = next(1);
        if (attempt == null) {
            return new FlowResult(flow.name(), flow.entity(), FlowStatus.CANCELLED, 0, 0, 0, Duration.ofNanos(System.nanoTime() - start),
                    0, Optional.of(new FlowCancelledException("Flow " + label + " was cancelled: " + cancelReason)), 0, Optional.empty());
        }
        runtime.listener().flowStarted(label);
        List<HyggeException> earlier = new ArrayList<>();
        int attempts = 1;
        FlowResult result = attempt.run();
        Duration wait = flow.retryDelay();
        while (!result.succeeded() && result.status() != FlowStatus.CANCELLED && attempts <= flow.retries()
                && retriable(attempt, result)) {
            LOG.warn("{} - attempt {} of {} failed with a transient fault; its write was aborted, trying again in {} ms: {}",
                    label, attempts, flow.retries() + 1, wait.toMillis(), result.error().map(Throwable::getMessage).orElse(""));
            result.error().ifPresent(earlier::add);
            if (!waitFor(wait) || (attempt = next(attempts + 1)) == null) {
                result = result.cancelled(new FlowCancelledException("Flow " + label + " was cancelled between attempts: "
                        + cancelReason));
                break;
            }
            wait = wait.multipliedBy(2).compareTo(FlowLimits.MAX_RETRY_WAIT) > 0 ? FlowLimits.MAX_RETRY_WAIT : wait.multipliedBy(2);
            attempts++;
            result = attempt.run();
        }
        FlowResult last = result.after(attempts, Duration.ofNanos(System.nanoTime() - start));
        last.error().ifPresent(error -> earlier.forEach(error::addSuppressed));
        tell(last);
        FlowJournal.record(flow, runId, last);
        return last;
    }

    /** The next attempt, or null when the flow was cancelled. */
    private synchronized FlowAttempt next(int number) {
        if (cancelled) {
            return null;
        }
        current = new FlowAttempt(runtime, flow, number == 1 ? runId : runId + "-" + number, WatermarkBook.of(flow));
        return current;
    }

    private boolean retriable(FlowAttempt attempt, FlowResult result) {
        if (!attempt.failedTransiently()) {
            return false;
        }
        if (flow.home().instance() != null || flow.store().instance() != null) {
            LOG.warn("{} - failed with a transient fault, but is not retried: its Home or Store was given as an object, which"
                    + " the failed attempt closed; give them by type name to have transient faults retried", flow.label());
            return false;
        }
        return true;
    }

    /** Waits between attempts; false when the flow was cancelled meanwhile. */
    private synchronized boolean waitFor(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toNanos(); !cancelled && left > 0; left = end - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            cancelReason = "interrupted";
        }
        return !cancelled;
    }

    private void tell(FlowResult result) {
        String label = flow.label();
        result.watermark().filter(w -> w.runType() == RunType.INCREMENTAL)
                .ifPresent(w -> LOG.info("{} - incremental from {} ({}): {}; watermark now {}", label,
                        w.previous().map(dev.hygge.spi.Watermark::text).orElse("the start"), w.source(), w.nullReport(),
                        w.committed().map(dev.hygge.spi.Watermark::text).orElse("none")));
        if (result.error().isEmpty()) {
            runtime.listener().flowFinished(label, result.rowsWritten(), result.bytes(), result.duration());
        } else {
            runtime.listener().flowFailed(label, result.error().get());
        }
    }
}
