package dev.hygge.parquet;

import dev.hygge.spi.OptionProblems;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a parquet Home's embedded DuckDB may use to read ({@code memory_limit}): a size such
 * as {@code 4GB}, {@code 1500MB} or {@code 2GiB} (DuckDB's units: KB, MB, GB, TB are powers of
 * 1000, KiB, MiB, GiB, TiB of 1024), or a share of the machine's memory such as {@code 30%}.
 *
 * <pre>{@code
 * String setting = MemoryLimit.duckdb("4GB");    // "4000000000B", for SET memory_limit
 * String chosen = MemoryLimit.duckdb(null);      // the default: a quarter of the machine's memory, at least 1 GB
 * }</pre>
 *
 * <p>The default is a quarter of the machine's physical memory (the container's limit where there
 * is one), never less than 1 GB (the limit every read had before it became an option): DuckDB's
 * own default, 80 %, assumes it has the machine to itself, while a flow's Home shares it with the
 * Store's engine, the JVM's heap and the other flows of a run.
 */
final class MemoryLimit {
    /** The option's name, as a message names it. */
    static final String KEY = "memory_limit";
    /** Less than this and DuckDB cannot hold the row groups of a read. */
    static final long MIN_BYTES = 64L << 20;
    /** The floor of the default: the fixed limit of reads before the option. */
    static final long DEFAULT_FLOOR_BYTES = 1L << 30;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)");
    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private MemoryLimit() {}

    /** The {@code SET memory_limit} value for the option's {@code value}, the default when null. */
    static String duckdb(String value) {
        long bytes = value == null ? defaultBytes() : bytes(value).orElseThrow(
                () -> new IllegalArgumentException(problem(value)));
        return bytes + "B";
    }

    /** Adds a problem naming {@value #KEY} when {@code value} is set and is not a size or a share of memory of at least 64 MB. */
    static void validate(String value, OptionProblems problems) {
        if (value != null && bytes(value).isEmpty()) {
            problems.add(KEY, problem(value));
        }
    }

    /** The bytes {@code value} means, or empty when it is not a size, nor a share of 1-100 % of memory, of at least {@link #MIN_BYTES}. */
    static OptionalLong bytes(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        Matcher size = SIZE.matcher(text);
        Matcher share = SHARE.matcher(text);
        double bytes;
        if (size.matches()) {
            bytes = Double.parseDouble(size.group(1)) * unit(size.group(2));
        } else if (share.matches() && Double.parseDouble(share.group(1)) > 0 && Double.parseDouble(share.group(1)) <= 100) {
            bytes = physicalBytes() * Double.parseDouble(share.group(1)) / 100;
        } else {
            return OptionalLong.empty();
        }
        return bytes >= MIN_BYTES && bytes < Long.MAX_VALUE ? OptionalLong.of((long) bytes) : OptionalLong.empty();
    }

    /** A quarter of the machine's memory, at least {@link #DEFAULT_FLOOR_BYTES}. */
    static long defaultBytes() {
        return Math.max(DEFAULT_FLOOR_BYTES, physicalBytes() / 4);
    }

    /** The machine's physical memory (a container's limit, as the JVM sees it); 4 GB when the JVM cannot tell. */
    static long physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getTotalMemorySize() > 0) {
            return os.getTotalMemorySize();
        }
        return 4L << 30;
    }

    private static long unit(String unit) {
        return switch (unit) {
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            case "TIB" -> 1L << 40;
            default -> 1L;
        };
    }

    private static String problem(String value) {
        return KEY + " '" + value + "' is not a memory size: give a size of at least 64MB such as 4GB, 1500MB or 2GiB,"
                + " or a share of the machine's memory such as 30%; leave it out for a quarter of the memory, at least 1GB";
    }
}
