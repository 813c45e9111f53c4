package dev.hygge.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The table {@code hygge start} ends with.
 *
 * <pre>
 * FLOW                       STATUS           ROWS       ROWS/S      TIME
 * landing_to_lake/customers  succeeded      10,000       98,039     0.1 s
 * landing_to_lake/orders     failed              0            0     0.0 s   orders.parquet: not a parquet file
 * 1 of 2 flows succeeded: 10,000 rows in 0.3 s (33,333 rows/s)
 * Done. PASS=1 WARN=0 ERROR=1 SKIP=0 TOTAL=2
 * </pre>
 *
 * The {@code Done.} line is the original's, for scripts and eyes used to it, counted as it counted:
 * WARN a flow that succeeded with warnings (bad rows skipped, rows with a NULL watermark not loaded),
 * PASS one that succeeded with rows and no warning, SKIP one that succeeded reading none (the
 * original's "no rows"), ERROR one that did not succeed (failed, or cancelled: the original had no
 * cancelled flows, and ERROR=0 exactly when the exit code is 0). Under it, each warning:
 * {@code WARN landing/orders: CSV file ...: 2 bad row(s) skipped ...}.
 */
final class SummaryTable {
    /** Warnings printed per flow (a folder of CSV files with bad rows gives one per file); the run record has all. */
    static final int WARNINGS_SHOWN = 10;

    private SummaryTable() {}

    static void print(PrintWriter out, RunReport report) {
        int width = Math.max(4, report.flows().stream().mapToInt(f -> f.label().length()).max().orElse(4));
        String format = "%-" + width + "s  %-9s %13s %12s %9s%s";
        out.println();
        out.println(String.format(Locale.ROOT, format, "FLOW", "STATUS", "ROWS", "ROWS/S", "TIME", ""));
        for (RunReport.FlowReport f : report.flows()) {
            out.println(String.format(Locale.ROOT, format, f.label(), f.status(), String.format(Locale.ROOT, "%,d", f.rowsWritten()),
                    String.format(Locale.ROOT, "%,d", f.rowsPerSecond()), seconds(f.durationMs()),
                    f.error() == null ? "" : "   " + firstLine(f.error())).stripTrailing());
        }
        out.println(String.format(Locale.ROOT, "%d of %d flows succeeded: %,d rows in %s (%,d rows/s)", report.flowsSucceeded(),
                report.flows().size(), report.rows(), seconds(report.durationMs()), report.rowsPerSecond()));
        out.println(doneLine(report));
        for (RunReport.FlowReport f : report.flows()) {
            f.warnings().stream().limit(WARNINGS_SHOWN).forEach(w -> out.println("WARN " + f.label() + ": " + firstLine(w)));
            if (f.warnings().size() > WARNINGS_SHOWN) {
                out.println("WARN " + f.label() + ": ... and " + (f.warnings().size() - WARNINGS_SHOWN)
                        + " more warnings, every one in the run record (.hygge/runs/" + report.runId() + ".json)");
            }
        }
    }

    /** {@code Done. PASS=2 WARN=0 ERROR=1 SKIP=1 TOTAL=4}. */
    static String doneLine(RunReport report) {
        long warn = report.flows().stream().filter(RunReport.FlowReport::warned).count();
        long pass = report.flows().stream().filter(f -> f.succeeded() && !f.warned() && f.rowsRead() > 0).count();
        long skip = report.flows().stream().filter(f -> f.succeeded() && !f.warned() && f.rowsRead() == 0).count();
        long error = report.flows().size() - pass - warn - skip;
        return "Done. PASS=" + pass + " WARN=" + warn + " ERROR=" + error + " SKIP=" + skip + " TOTAL=" + report.flows().size();
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
