package dev.hygge.spi;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin's {@code memory_limit} option for an embedded engine (DuckDB): a size such as
 * {@code 4GB}, {@code 1500MB} or {@code 2GiB} (DuckDB's units: KB, MB, GB, TB are powers of 1000,
 * KiB, MiB, GiB, TiB of 1024), or a share of the machine's memory such as {@code 30%}. What leaving
 * it out means is the plugin's own (the parquet Home reads with a quarter of the memory, the DuckDB
 * Store loads with a fixed size); the parsing, the floor and the message are shared.
 *
 * <pre>{@code
 * MemoryLimit.validate(options.memoryLimit, problems, "a quarter of the memory, at least 1GB");
 * long bytes = MemoryLimit.bytes(options.memoryLimit).orElse(myDefault);
 * statement.execute("SET memory_limit = '" + MemoryLimit.setting(bytes) + "'");
 * }</pre>
 *
 * @since 0.2
 */
public final class MemoryLimit {
    /** The option's name, as a message names it. */
    public static final String KEY = "memory_limit";
    /** Less than this and DuckDB cannot hold the row groups of a read or a load. */
    public static final long MIN_BYTES = 64L << 20;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)");
    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private MemoryLimit() {}

    /**
     * Adds a problem naming {@value #KEY} when {@code value} is set and is not a size or a share of
     * memory of at least 64 MB.
     *
     * @param unset what leaving the option out means, for the message ({@code "a quarter of the memory, at least 1GB"})
     */
    public static void validate(String value, OptionProblems problems, String unset) {
        if (value != null && bytes(value).isEmpty()) {
            problems.add(KEY, problem(value, unset));
        }
    }

    /**
     * The bytes {@code value} means; empty when it is null, not a size, nor a share of 1-100 % of
     * the memory, or less than {@link #MIN_BYTES}.
     */
    public static OptionalLong bytes(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
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

    /**
     * The bytes of a {@code value} that {@link #validate} passed, else {@code unsetBytes} when it is null.
     *
     * @throws ConfigException naming {@value #KEY} when {@code value} is set but not a memory size
     */
    public static long bytesOr(String value, long unsetBytes, String unset) {
        if (value == null) {
            return unsetBytes;
        }
        return bytes(value).orElseThrow(() -> new ConfigException(problem(value, unset)));
    }

    /** The {@code SET memory_limit} value for {@code bytes}: {@code "4000000000B"}. */
    public static String setting(long bytes) {
        return bytes + "B";
    }

    /** The machine's physical memory (a container's limit, as the JVM sees it); 4 GB when the JVM cannot tell. */
    public static long physicalBytes() {
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

    private static String problem(String value, String unset) {
        return KEY + " '" + value + "' is not a memory size: give a size of at least 64MB such as 4GB, 1500MB or 2GiB,"
                + " or a share of the machine's memory such as 30%; leave it out for " + unset;
    }
}
