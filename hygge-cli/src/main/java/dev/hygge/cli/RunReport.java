package dev.hygge.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hygge.FlowResult;
import dev.hygge.RunResult;
import dev.hygge.config.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON result of a run, for orchestrators: written to {@code .hygge/runs/<run_id>.json} and
 * {@code .hygge/runs/last.json} in the project, printed by {@code hygge start --json}.
 *
 * <pre>{@code
 * {"project": "sales", "run_id": "20261125T170102Z-3fa2c1", "status": "failed", "rows": 400000, ...,
 *  "flows": [{"flow": "landing_to_lake", "entity": "orders", "status": "succeeded", "rows_written": 200000, ...},
 *            {"flow": "landing_to_lake", "entity": "customers", "status": "failed", "error": "..."}]}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RunReport(String project, String runId, String status, String startedAt, long durationMs, long rows,
                 long rowsPerSecond, int flowsSucceeded, int flowsFailed, List<FlowReport> flows) {

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** One flow (or entity) of the run. */
    record FlowReport(String flow, String entity, String status, long rowsRead, long rowsWritten, long durationMs,
                      long rowsPerSecond, long peakMemoryBytes, String error) {
        String label() {
            return entity == null ? flow : flow + "/" + entity;
        }

        boolean succeeded() {
            return "succeeded".equals(status);
        }
    }

    static RunReport of(String project, String runId, Instant startedAt, RunResult result) {
        List<FlowReport> flows = result.flows().stream().map(RunReport::flow).toList();
        int failed = (int) flows.stream().filter(f -> !f.succeeded()).count();
        return new RunReport(project, runId, failed == 0 ? "succeeded" : "failed", startedAt.toString(), result.duration().toMillis(),
                result.rowsWritten(), Math.round(result.rowsPerSecond()), flows.size() - failed, failed, flows);
    }

    private static FlowReport flow(FlowResult r) {
        return new FlowReport(r.flow(), r.entity().orElse(null), r.status().name().toLowerCase(Locale.ROOT), r.rowsRead(),
                r.rowsWritten(), r.duration().toMillis(), Math.round(r.rowsPerSecond()), r.peakMemoryBytes(),
                r.error().map(e -> Secrets.maskText(e.getMessage())).orElse(null));
    }

    boolean succeeded() {
        return "succeeded".equals(status);
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

    /** Writes {@code <run_id>.json} and replaces {@code last.json}; returns the latter. */
    Path write(Path projectRoot) throws IOException {
        Path dir = Files.createDirectories(runsDir(projectRoot));
        String json = toJson();
        Files.writeString(dir.resolve(runId + ".json"), json);
        Path tmp = dir.resolve("last.json.tmp");
        Files.writeString(tmp, json);
        return Files.move(tmp, dir.resolve("last.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The last run's result, if there was one. */
    static Optional<RunReport> last(Path projectRoot) throws IOException {
        Path file = runsDir(projectRoot).resolve("last.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), RunReport.class));
    }
}
