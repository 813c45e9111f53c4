package dev.hygge;

import dev.hygge.spi.HyggeException;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one flow did.
 *
 * @param flow the flow's name
 * @param entity the entity, if the flow moved one
 * @param status how it ended
 * @param rowsRead rows read from the Home
 * @param rowsWritten rows the Store reported written (equal to {@code rowsRead} on success)
 * @param bytes Arrow buffer bytes moved; on the in-engine path, where no batch moves, the bytes the
 *     Store says the engine wrote (a file Store's staged files), 0 where it cannot tell (a table)
 * @param duration wall time
 * @param peakMemoryBytes peak Arrow memory the flow's allocator held
 * @param error why it failed or was cancelled
 * @param attempts how many times the flow ran: 1, plus one per retry after a transient fault (0 when
 *     it was cancelled before it started)
 * @param watermark what the run did with the flow's watermark, when it has one
 * @param warnings what the flow's Home and Store warned about while it ran ({@link
 *     dev.hygge.spi.HyggeContext#warn}: bad rows left out, rows whose watermark is NULL not loaded), in
 *     the order they came; a flow that succeeded with warnings moved everything it was asked to but
 *     what they name
 */
public record FlowResult(String flow, Optional<String> entity, FlowStatus status, long rowsRead, long rowsWritten,
                         long bytes, Duration duration, long peakMemoryBytes, Optional<HyggeException> error, int attempts,
                         Optional<WatermarkRun> watermark, List<String> warnings) {
    /** A result without warnings. */
    public FlowResult(String flow, Optional<String> entity, FlowStatus status, long rowsRead, long rowsWritten,
                      long bytes, Duration duration, long peakMemoryBytes, Optional<HyggeException> error, int attempts,
                      Optional<WatermarkRun> watermark) {
        this(flow, entity, status, rowsRead, rowsWritten, bytes, duration, peakMemoryBytes, error, attempts, watermark, List.of());
    }

    /** A result of one attempt and no watermark. */
    public FlowResult(String flow, Optional<String> entity, FlowStatus status, long rowsRead, long rowsWritten,
                      long bytes, Duration duration, long peakMemoryBytes, Optional<HyggeException> error) {
        this(flow, entity, status, rowsRead, rowsWritten, bytes, duration, peakMemoryBytes, error, 1, Optional.empty());
    }

    public FlowResult {
        requireNonNull(watermark, "watermark is null");
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(error, "error is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }

    /** This result after {@code attempts} attempts in {@code total} wall time. */
    FlowResult after(int attempts, Duration total) {
        return new FlowResult(flow, entity, status, rowsRead, rowsWritten, bytes, total, peakMemoryBytes, error, attempts,
                watermark, warnings);
    }

    /** This result, cancelled with {@code error} (a flow cancelled while it waited to try again). */
    FlowResult cancelled(HyggeException error) {
        return new FlowResult(flow, entity, FlowStatus.CANCELLED, rowsRead, rowsWritten, bytes, duration, peakMemoryBytes,
                Optional.of(error), attempts, watermark, warnings);
    }

    public boolean succeeded() {
        return status == FlowStatus.SUCCEEDED;
    }

    /** Whether the flow succeeded with warnings (the original's WARN). */
    public boolean warned() {
        return succeeded() && !warnings.isEmpty();
    }

    /** Rows written per second of wall time. */
    public double rowsPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds > 0 ? rowsWritten / seconds : 0;
    }

    /** {@code flow} or {@code flow/entity}. */
    public String label() {
        return entity.map(e -> flow + "/" + e).orElse(flow);
    }
}
