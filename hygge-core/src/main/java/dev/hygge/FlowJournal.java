package dev.hygge;

import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.RunJournal;
import dev.hygge.spi.Watermark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a flow's run in its journal, after the commit: one {@link JournalEntry} in the original
 * hygge's columns, the committed watermark with it on success. A failure to record is logged, not
 * thrown: the rows are committed by then. A Store that keeps state ({@link dev.hygge.spi.SupportsState})
 * has the watermark with its data anyway; for one that does not, the next run goes on from the
 * watermark recorded before, so it reads this run's rows again (at least once, never lost).
 */
final class FlowJournal {
    private static final Logger LOG = LoggerFactory.getLogger(FlowJournal.class);
    /** The most of an error message a journal row keeps, and of its whole message (warnings too). */
    static final int MESSAGE_LIMIT = 2_000;

    private FlowJournal() {}

    static void record(Flow flow, String runId, FlowResult result) {
        Optional<RunJournal> journal = flow.journal();
        if (journal.isEmpty()) {
            return;
        }
        try {
            journal.get().record(entry(flow, runId, result, Instant.now()));
        } catch (RuntimeException e) {
            LOG.error("{} - recording the run in the journal {} failed{}: {}", flow.label(), journal.get().describe(),
                    result.succeeded() && result.watermark().isPresent()
                            ? " (the rows are committed; a Store that keeps no state reads them again next run)" : "", e.toString(), e);
        }
    }

    /** {@code message} cut to {@link #MESSAGE_LIMIT} (a folder of CSV files each with bad rows gives a warning each). */
    private static String limited(String message) {
        return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "..." : message;
    }

    /** The journal row of a run that ended at {@code finish}. */
    static JournalEntry entry(Flow flow, String runId, FlowResult result, Instant finish) {
        int dash = runId.lastIndexOf('-');
        String coordinatorRun = dash > 0 ? runId.substring(0, dash) : runId;
        String status = switch (result.status()) {
            case SUCCEEDED -> JournalEntry.SUCCESS;
            case CANCELLED -> result.attempts() == 0 ? JournalEntry.SKIP : JournalEntry.FAIL;
            case FAILED -> JournalEntry.FAIL;
        };
        Optional<Incremental> spec = flow.watermark();
        Optional<Watermark> committed = result.succeeded() ? result.watermark().flatMap(WatermarkRun::committed) : Optional.empty();
        List<String> message = new ArrayList<>();
        result.watermark().filter(w -> w.runType() == RunType.INCREMENTAL).ifPresent(w -> message.add(w.nullReport()));
        result.warnings().stream().filter(w -> !message.contains(w)).forEach(message::add);
        if (result.attempts() > 1) {
            message.add(result.attempts() + " attempts");
        }
        result.error().map(Throwable::getMessage).map(m -> m.length() > MESSAGE_LIMIT ? m.substring(0, MESSAGE_LIMIT) + "..." : m)
                .ifPresent(message::add);
        return new JournalEntry(runId, coordinatorRun, coordinatorRun + "/" + flow.name(), flow.coordinator().orElse(null),
                flow.name(), flow.entity().orElse(flow.name()), finish.minus(result.duration()).toString(), finish.toString(), status,
                flow.runType().yamlName(), result.rowsWritten(), result.duration().toNanos() / 1e9,
                spec.filter(s -> !s.primaryKey().isEmpty()).map(s -> String.join(",", s.primaryKey())).orElse(null),
                spec.map(Incremental::column).orElse(null), committed.map(Watermark::journalType).orElse(null),
                committed.map(Watermark::text).orElse(null), message.isEmpty() ? null : limited(String.join("; ", message)),
                JournalEntry.SCHEMA_VERSION);
    }
}
