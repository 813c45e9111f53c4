package dev.hygge.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hygge.FlowResult;
import dev.hygge.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The JSON result of a run, for orchestrators: written to {@code .hygge/runs/<run_id>.json} and
 * {@code .hygge/runs/last.json} in the project when the run starts ({@code status: running}, every
 * flow {@code pending}), again as flows finish ({@link RunRecord}), and closed at the end; printed
 * by {@code hygge start --json}. A record still {@code running} whose process is gone reads as
 * {@code interrupted}.
 *
 * <pre>{@code
 * {"project": "sales", "run_id": "20261125T170102Z-3fa2c1", "status": "failed", "rows": 400000, ...,
 *  "flows": [{"flow": "landing_to_lake", "entity": "orders", "status": "succeeded", "rows_written": 200000, ...},
 *            {"flow": "landing_to_lake", "entity": "customers", "status": "failed", "error": "..."}]}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RunReport(String project, String runId, String status, String startedAt, long durationMs, long rows,
                 long rowsPerSecond, int flowsSucceeded, int flowsFailed, List<FlowReport> flows, Long pid, String host,
                 String processStartedAt, String finishedAt) {
    static final String RUNNING = "running";
    static final String INTERRUPTED = "interrupted";
    static final String PENDING = "pending";

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * One flow (or entity) of the run: with {@code attempts} (more than 1 after transient faults were
     * retried) and, for a flow with a watermark, its {@code run_type}, the {@code watermark} committed
     * and the rows whose watermark was NULL ({@code null_watermark_rows}); the flow's {@code warnings}
     * (bad rows skipped, rows with a NULL watermark not loaded), empty when it had none.
     */
    record FlowReport(String flow, String entity, String status, long rowsRead, long rowsWritten, long durationMs,
                      long rowsPerSecond, long peakMemoryBytes, String error, int attempts, String runType, String watermark,
                      Long nullWatermarkRows, List<String> warnings) {
        FlowReport {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);    // a record written before warnings were kept
        }

        /** A flow without a result yet. */
        FlowReport(String flow, String entity, String status, long rowsRead, long rowsWritten, long durationMs,
                   long rowsPerSecond, long peakMemoryBytes, String error) {
            this(flow, entity, status, rowsRead, rowsWritten, durationMs, rowsPerSecond, peakMemoryBytes, error, 0, null, null,
                    null, List.of());
        }

        /** Whether it succeeded with warnings: the original's WARN. */
        boolean warned() {
            return succeeded() && !warnings.isEmpty();
        }

        String label() {
            return entity == null ? flow : flow + "/" + entity;
        }

        boolean succeeded() {
            return "succeeded".equals(status);
        }

        FlowReport withStatus(String newStatus, String newError) {
            return new FlowReport(flow, entity, newStatus, rowsRead, rowsWritten, durationMs, rowsPerSecond, peakMemoryBytes,
                    newError, attempts, runType, watermark, nullWatermarkRows, warnings);
        }
    }

    /** The closed record of a run that ended, from the engine's result. */
    static RunReport of(RunReport started, RunResult result, UnaryOperator<String> redact) {
        List<FlowReport> flows = result.flows().stream().map(r -> flow(r, redact)).toList();
        return started.closed(flows, result.duration().toMillis());
    }

    static FlowReport flow(FlowResult r, UnaryOperator<String> redact) {
        return new FlowReport(r.flow(), r.entity().orElse(null), r.status().name().toLowerCase(Locale.ROOT), r.rowsRead(),
                r.rowsWritten(), r.duration().toMillis(), Math.round(r.rowsPerSecond()), r.peakMemoryBytes(),
                r.error().map(e -> redact.apply(e.getMessage())).orElse(null), r.attempts(),
                r.watermark().map(w -> w.runType().yamlName()).orElse(null),
                r.watermark().flatMap(w -> w.committed()).map(dev.hygge.spi.Watermark::text).orElse(null),
                r.watermark().map(w -> w.nullRows()).orElse(null), r.warnings().stream().map(redact).toList());
    }

    /** This run with these flows, ended: succeeded only when every flow did. */
    RunReport closed(List<FlowReport> ended, long durationMs) {
        int failed = (int) ended.stream().filter(f -> !f.succeeded()).count();
        long rows = ended.stream().mapToLong(FlowReport::rowsWritten).sum();
        return new RunReport(project, runId, failed == 0 ? "succeeded" : "failed", startedAt, durationMs, rows,
                durationMs > 0 ? Math.round(rows * 1000.0 / durationMs) : 0, ended.size() - failed, failed, ended, pid, host,
                processStartedAt, Instant.now().toString());
    }

    /** This run, still running, with these flows. */
    RunReport running(List<FlowReport> now) {
        int succeeded = (int) now.stream().filter(FlowReport::succeeded).count();
        int failed = (int) now.stream().filter(f -> !f.succeeded() && !PENDING.equals(f.status()) && !RUNNING.equals(f.status()))
                .count();
        long rows = now.stream().mapToLong(FlowReport::rowsWritten).sum();
        return new RunReport(project, runId, RUNNING, startedAt, durationMs, rows, rowsPerSecond, succeeded, failed, now, pid,
                host, processStartedAt, null);
    }

    boolean succeeded() {
        return "succeeded".equals(status);
    }

    /**
     * As the record should be read now: a run still marked {@code running} whose process has ended
     * (killed, the machine restarted) was interrupted, and so were its flows that were running.
     * A run of another host cannot be checked from here and stays {@code running}.
     */
    RunReport asSeenNow() {
        if (!RUNNING.equals(status) || !sameHost() || RunRecord.alive(pid, processStartedAt)) {
            return this;
        }
        List<FlowReport> seen = flows.stream().map(f -> RUNNING.equals(f.status())
                ? f.withStatus(INTERRUPTED, "the run's process (pid " + pid + ") ended while this flow was running") : f).toList();
        return new RunReport(project, runId, INTERRUPTED, startedAt, durationMs, rows, rowsPerSecond, flowsSucceeded,
                flowsFailed, seen, pid, host, processStartedAt, finishedAt);
    }

    boolean sameHost() {
        return host == null || host.equals(RunRecord.HOST);
    }

    /**
     * What {@code --json} prints when the configuration is wrong and nothing ran:
     * {@code {"status": "config_error", "problems": [{"file": "hygge.yml", "line": 4, "column": 5, "message": "..."}]}}.
     */
    static String configError(List<dev.hygge.config.ConfigProblem> problems) {
        var root = JSON.createObjectNode().put("status", "config_error");
        var list = root.putArray("problems");
        for (dev.hygge.config.ConfigProblem p : problems) {
            list.addObject().put("file", p.origin().file().toString()).put("line", p.origin().line())
                    .put("column", p.origin().column()).put("message", p.message());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder runs are kept in. */
    static Path runsDir(Path projectRoot) {
        return projectRoot.resolve(".hygge").resolve("runs");
    }

    /**
     * Replaces {@code <run_id>.json} and {@code last.json}, each through a temporary file renamed
     * over it, so that a reader (or a kill) never meets half a record; returns {@code last.json}.
     */
    Path write(Path projectRoot) throws IOException {
        return write(projectRoot, true);
    }

    /**
     * As {@link #write(Path)}; with {@code claimLast} false, {@code last.json} is replaced only while
     * it is this run's, so that a run still going when a newer one starts (two schedules overlapping)
     * never hides the newer one from {@code --failed}.
     */
    Path write(Path projectRoot, boolean claimLast) throws IOException {
        Path dir = Files.createDirectories(runsDir(projectRoot));
        String json = toJson();
        replace(dir, runId + ".json", json);
        Path last = dir.resolve("last.json");
        if (!claimLast && Files.isRegularFile(last) && !runId.equals(runIdOf(last))) {
            return last;
        }
        return replace(dir, "last.json", json);
    }

    /** The {@code run_id} of a record, read up to that field only (it comes second). */
    private static String runIdOf(Path record) {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(record.toFile())) {
            int depth = 0;
            for (com.fasterxml.jackson.core.JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && depth == 1 && "run_id".equals(parser.currentName())) {
                    return parser.nextTextValue();
                }
            }
            return null;
        } catch (IOException e) {
            return null;                                    // unreadable: let this run's record replace it
        }
    }

    private Path replace(Path dir, String name, String json) throws IOException {
        Path tmp = dir.resolve("." + name + "." + runId + ".tmp");      // per run: two runs never share a temporary file
        Files.writeString(tmp, json);
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The last run's record as it should be read now ({@link #asSeenNow()}), if there was one. */
    static Optional<RunReport> last(Path projectRoot) throws IOException {
        Path file = runsDir(projectRoot).resolve("last.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), RunReport.class).asSeenNow());
    }
}
