package dev.hygge.parquet;

import dev.hygge.spi.ConfigException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file name pattern such as {@code {name}_{sequence:020d}.parquet}: formats names and finds the
 * sequence number in names it made.
 *
 * <pre>{@code
 * FilePattern pattern = FilePattern.parse("{name}_{sequence:020d}.parquet");
 * pattern.format(Map.of("name", "orders"), 7);   // orders_00000000000000000007.parquet
 * }</pre>
 */
final class FilePattern {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)(?::([0-9]*d))?}");
    private static final java.util.Set<String> NAMES = java.util.Set.of("name", "flow", "entity", "sequence", "flow_name", "timestamp");
    /** {@code {timestamp}}: when the write began, in UTC, so that names sort by time ({@code 20260105T093000Z}). */
    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final String TIMESTAMP_REGEX = "\\d{8}T\\d{6}Z";

    private final String pattern;

    private FilePattern(String pattern) {
        this.pattern = pattern;
    }

    /** Checks the pattern: known placeholders, a {@code {sequence}}, no folder separators. */
    static FilePattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new ConfigException("file_pattern must not be empty");
        }
        if (pattern.contains("/") || pattern.contains("\\")) {
            throw new ConfigException("file_pattern '" + pattern + "' must be a file name, without folders");
        }
        if (pattern.startsWith("_") || pattern.startsWith(".")) {
            throw new ConfigException("file_pattern '" + pattern
                    + "' must not start with '_' or '.': readers skip such files");
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        boolean sequence = false;
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                throw new ConfigException("file_pattern '" + pattern + "' has an unknown placeholder {"
                        + m.group(1) + "}; known: {name}, {flow}, {entity}, {sequence} or {sequence:020d},"
                        + " and the original hygge's {flow_name} (the flow) and {timestamp} (when the write began)");
            }
            sequence |= m.group(1).equals("sequence");
        }
        if (!sequence) {
            throw new ConfigException("file_pattern '" + pattern
                    + "' needs a {sequence} placeholder so that files do not overwrite each other");
        }
        return new FilePattern(pattern);
    }

    /** The value of {@code {timestamp}} for a write that began at {@code start}. */
    static String timestamp(java.time.Instant start) {
        return TIMESTAMP.format(start);
    }

    /**
     * The file name for {@code values} ({@code name}, {@code flow}, {@code entity}, {@code timestamp}
     * from {@link #timestamp}) and a sequence number; {@code {flow_name}} is the flow.
     */
    String format(Map<String, String> values, long sequence) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).equals("flow_name") ? "flow" : m.group(1);
            String value = key.equals("sequence")
                    ? (m.group(2) == null ? Long.toString(sequence) : String.format("%" + m.group(2), sequence))
                    : values.getOrDefault(key, "");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The sequence number of a file this pattern named with {@code values}, if it is one. */
    OptionalLong sequenceOf(String fileName, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pattern.substring(last, m.start())));
            String key = m.group(1).equals("flow_name") ? "flow" : m.group(1);
            regex.append(key.equals("sequence") ? "(?<seq>\\d{1,30})"
                    : key.equals("timestamp") ? TIMESTAMP_REGEX                 // any run's: the files of every earlier write count
                    : Pattern.quote(values.getOrDefault(key, "")));
            last = m.end();
        }
        regex.append(Pattern.quote(pattern.substring(last)));
        Matcher file = Pattern.compile(regex.toString()).matcher(fileName);
        if (!file.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(file.group("seq")));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // not a number hygge wrote
        }
    }

    @Override
    public String toString() {
        return pattern;
    }
}
