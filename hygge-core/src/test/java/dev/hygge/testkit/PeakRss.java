package dev.hygge.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's peak resident set ({@code VmHWM} of {@code /proc/self/status}), for benchmarks: the
 * high-water mark only grows, so one read as a step ends is its exact peak, with nothing polling
 * beside the step while it runs.
 *
 * <pre>{@code
 * System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, PeakRss.mb());
 * }</pre>
 */
public final class PeakRss {
    private PeakRss() {}

    /** The peak in MB, or -1 where there is no {@code /proc} (not Linux). */
    public static long mb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
