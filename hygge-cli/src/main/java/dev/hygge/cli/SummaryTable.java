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
 * </pre>
 */
final class SummaryTable {
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
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
