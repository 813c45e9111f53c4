package dev.hygge.cli;

import dev.hygge.spi.FlowListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress of a run: a line when a flow starts, finishes or fails, and every interval one
 * line per running flow with its rows, rows/s and elapsed time.
 *
 * <pre>
 *   started  landing_to_lake/orders
 *   running  landing_to_lake/orders      1,250,000 rows    812,433 rows/s    1.5 s
 *   done     landing_to_lake/orders      2,000,000 rows in 2.4 s (829,301 rows/s)
 * </pre>
 */
final class ProgressPrinter implements FlowListener, AutoCloseable {
    private final PrintWriter out;
    private final Map<String, long[]> running = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService ticker;
    private final int width;
    private final java.util.function.UnaryOperator<String> redact;

    /** @param redact makes an error message safe to print (the project's {@code redact}) */
    ProgressPrinter(PrintWriter out, Duration interval, int labelWidth, java.util.function.UnaryOperator<String> redact) {
        this.out = out;
        this.redact = redact;
        this.width = Math.max(20, Math.min(labelWidth, 60));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hygge-progress");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(100, interval.toMillis());
        ticker.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void flowStarted(String flow) {
        running.put(flow, new long[] {System.nanoTime(), 0});
        print("started", flow, "");
    }

    @Override
    public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
        long[] state = running.get(flow);
        if (state != null) {
            state[1] = totalRows;
        }
    }

    @Override
    public void flowFinished(String flow, long rows, long bytes, Duration elapsed) {
        running.remove(flow);
        double seconds = elapsed.toNanos() / 1e9;
        print("done", flow, String.format(Locale.ROOT, "%,15d rows in %.1f s (%,d rows/s)", rows, seconds, rate(rows, seconds)));
    }

    @Override
    public void flowFailed(String flow, Throwable error) {
        running.remove(flow);
        print("FAILED", flow, redact.apply(String.valueOf(error.getMessage())));
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((flow, state) -> {
            double seconds = (now - state[0]) / 1e9;
            print("running", flow, String.format(Locale.ROOT, "%,15d rows %,12d rows/s %7.1f s", state[1], rate(state[1], seconds),
                    seconds));
        });
    }

    private synchronized void print(String what, String flow, String detail) {
        out.println(String.format(Locale.ROOT, "  %-8s %-" + width + "s %s", what, flow, detail).stripTrailing());
        out.flush();
    }

    private static long rate(long rows, double seconds) {
        return seconds > 0 ? Math.round(rows / seconds) : 0;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
