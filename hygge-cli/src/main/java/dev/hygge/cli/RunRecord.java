package dev.hygge.cli;

import dev.hygge.FlowCancelledException;
import dev.hygge.RunResult;
import dev.hygge.config.FlowDefinition;
import dev.hygge.spi.FlowListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run record kept while a run goes: written before the first flow starts
 * ({@code status: running}, the process's pid, host and start, every planned flow {@code pending}),
 * rewritten as each flow starts and ends, and closed with the engine's result. A run killed at any
 * moment so leaves a record that says which flows finished; {@link RunReport#asSeenNow()} reads it
 * as {@code interrupted} once its process is gone, and {@code hygge start --failed} reruns every flow
 * that did not succeed.
 *
 * <pre>{@code
 * RunRecord record = new RunRecord(project.root(), project.name(), selected, project::redact);
 * try (Hygge hygge = Hygge.builder().listener(record)...build()) {
 *     record.begin(hygge.runId());                        // written before any flow starts
 *     RunReport report = record.finish(hygge.run(flows, options));
 * }
 * }</pre>
 */
final class RunRecord implements FlowListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecord.class);

    /** This machine's name, as run records name it. */
    static final String HOST = hostName();

    private static final ProcessHandle SELF = ProcessHandle.current();

    private final Path root;
    private final String project;
    private final UnaryOperator<String> redact;
    private final Map<String, RunReport.FlowReport> flows = new LinkedHashMap<>();
    private long started;
    private RunReport report;
    private volatile boolean closed;

    /*
     * Updates are written by one background thread, the latest state each time, so that flows never
     * wait on the disk (a replace by rename costs ~7 ms on ext4, which flushes the new file; with
     * hundreds of entities that was seconds of flows queued behind the record) and a burst of
     * finishing flows costs one write. The final record is written under the same lock after
     * `closed` is set, so a late update can never replace it.
     */
    private final Object io = new Object();
    private final AtomicReference<RunReport> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hygge-run-record");
        t.setDaemon(true);
        return t;
    });

    /** The record of a run of these flows, not written until {@link #begin}. */
    RunRecord(Path root, String project, List<FlowDefinition> planned, UnaryOperator<String> redact) {
        this.root = root;
        this.project = project;
        this.redact = redact;
        for (FlowDefinition d : planned) {
            RunReport.FlowReport f = new RunReport.FlowReport(d.flow(), d.entity().orElse(null), RunReport.PENDING, 0, 0, 0, 0, 0,
                    null);
            flows.put(f.label(), f);
        }
    }

    /**
     * Writes the record of the run that starts now, every flow pending.
     *
     * @throws IOException when it cannot be written: then nothing runs, since a run without a
     *     record could not be told apart from a finished one after a crash
     */
    synchronized void begin(String runId) throws IOException {
        started = System.nanoTime();
        report = new RunReport(project, runId, RunReport.RUNNING, Instant.now().toString(), 0, 0, 0, 0, 0,
                List.copyOf(flows.values()), SELF.pid(), HOST, SELF.info().startInstant().map(Instant::toString).orElse(null),
                null);
        report.write(root);
    }

    /** Whether {@link #begin} wrote the record. */
    synchronized boolean begun() {
        return report != null;
    }

    @Override
    public void flowStarted(String flow) {
        update(flow, f -> f.withStatus(RunReport.RUNNING, null));
    }

    @Override
    public void flowFinished(String flow, long rows, long bytes, Duration elapsed) {
        long ms = elapsed.toMillis();
        update(flow, f -> new RunReport.FlowReport(f.flow(), f.entity(), "succeeded", rows, rows, ms,
                ms > 0 ? Math.round(rows * 1000.0 / ms) : 0, 0, null));
    }

    @Override
    public void flowFailed(String flow, Throwable error) {
        update(flow, f -> f.withStatus(error instanceof FlowCancelledException ? "cancelled" : "failed",
                redact.apply(String.valueOf(error.getMessage()))));
    }

    /** Closes the record with the engine's result; returns it. */
    synchronized RunReport finish(RunResult result) throws IOException {
        closed = true;
        report = RunReport.of(report, result, redact);
        try {
            synchronized (io) {
                report.write(root, false);
            }
        } finally {
            writer.shutdown();
        }
        return report;
    }

    /**
     * Closes the record of a run that ended without a result (something the engine did not expect
     * escaped it): the flows that had not ended failed with that error. Never throws: the caller is
     * already handling {@code error}.
     */
    synchronized RunReport abort(Throwable error) {
        if (closed || report == null) {
            return report;
        }
        closed = true;
        String why = redact.apply("the run ended early: " + error);
        List<RunReport.FlowReport> ended = flows.values().stream().map(f -> f.succeeded() || "failed".equals(f.status())
                || "cancelled".equals(f.status()) ? f : f.withStatus("failed", why)).toList();
        report = report.closed(ended, Duration.ofNanos(System.nanoTime() - started).toMillis());
        try {
            synchronized (io) {
                report.write(root, false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("{} - cannot write the run record under {}: {}", report.runId(), RunReport.runsDir(root), e.toString());
        } finally {
            writer.shutdown();
        }
        return report;
    }

    private synchronized void update(String label, UnaryOperator<RunReport.FlowReport> change) {
        RunReport.FlowReport now = flows.get(label);
        if (now == null || closed || report == null) {
            return;
        }
        flows.put(label, change.apply(now));
        report = report.running(List.copyOf(flows.values()));
        latest.set(report);
        if (queued.compareAndSet(false, true)) {
            writer.execute(this::writeLatest);
        }
    }

    /** On the writer thread: the newest state, unless the record was closed meanwhile. */
    private void writeLatest() {
        queued.set(false);
        RunReport now = latest.getAndSet(null);
        if (now == null) {
            return;
        }
        synchronized (io) {
            if (closed) {
                return;
            }
            try {
                now.write(root, false);
            } catch (IOException | UncheckedIOException e) {
                // the run goes on: the record is rewritten at the next flow and closed at the end
                LOG.warn("{} - cannot update the run record under {}: {}", now.runId(), RunReport.runsDir(root), e.toString());
            }
        }
    }

    /**
     * Whether the process of a record is alive: the pid exists and, where the record knows it,
     * started when the record's process did (a pid reused by another process does not count).
     */
    static boolean alive(Long pid, String processStartedAt) {
        if (pid == null) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> since = process.get().info().startInstant();
        return processStartedAt == null || since.isEmpty() || since.get().toString().equals(processStartedAt);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }
}
