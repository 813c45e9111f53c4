package dev.hygge.cli;

import dev.hygge.spi.JournalEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code hygge journal} prints: one line per run, the runs of each flow/entity together,
 * newest first; a failed run's message after it.
 *
 * <pre>
 * Journal lake/.hygge_journal/journal.parquet
 * ENTITY             FINISHED              STATUS         ROWS      TIME  RUN TYPE     WATERMARK
 * landing/orders     2026-12-03T10:00:03Z  success       3,000     3.3 s  incremental  updated_at = 2026-12-03T09:00:00Z (datetime)
 * landing/orders     2026-12-02T10:00:03Z  fail              -     3.3 s  incremental  updated_at = -
 *                      Connection reset
 * </pre>
 */
final class JournalListing {
    private JournalListing() {}

    static void print(PrintWriter out, Path journal, List<JournalEntry> runs) {
        out.println("Journal " + journal);
        if (runs.isEmpty()) {
            out.println("  no runs recorded");
            return;
        }
        int width = Math.max(6, runs.stream().mapToInt(r -> label(r).length()).max().orElse(6));
        int when = Math.max(8, runs.stream().mapToInt(r -> when(r).length()).max().orElse(8));
        String format = "%-" + width + "s  %-" + when + "s  %-7s %11s %9s  %-11s  %s";
        out.println(String.format(Locale.ROOT, format, "ENTITY", "FINISHED", "STATUS", "ROWS", "TIME", "RUN TYPE", "WATERMARK").stripTrailing());
        for (JournalEntry run : runs) {
            String rows = run.rowCount() == null ? "-" : String.format(Locale.ROOT, "%,d", run.rowCount());
            String time = run.duration() == null ? "-" : String.format(Locale.ROOT, "%.1f s", run.duration());
            out.println(String.format(Locale.ROOT, format, label(run), when(run), run.status(), rows, time, run.runType(), watermark(run))
                    .stripTrailing());
            if (run.message() != null && !JournalEntry.SUCCESS.equals(run.status())) {
                out.println(" ".repeat(width + 2) + "  " + firstLine(run.message()));
            }
        }
    }

    private static String label(JournalEntry run) {
        return run.flow().equals(run.entity()) ? run.flow() : run.flow() + "/" + run.entity();
    }

    private static String when(JournalEntry run) {
        return run.finishTime() != null ? run.finishTime() : run.startTime() + " (started)";
    }

    private static String watermark(JournalEntry run) {
        if (run.watermark() == null) {
            return run.watermarkColumn() == null ? "" : run.watermarkColumn() + " = -";
        }
        return run.watermarkColumn() + " = " + run.watermark() + (run.watermarkType() == null ? "" : " (" + run.watermarkType() + ")");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
