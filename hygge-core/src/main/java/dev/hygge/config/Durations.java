package dev.hygge.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as a project writes them: {@code 30s}, {@code 10m}, {@code 1h}, {@code 500ms},
 * ISO-8601 {@code PT10M}, or a plain number of seconds.
 *
 * <pre>{@code
 * Durations.parse("10m");     // Optional[PT10M]
 * Durations.parse(90);        // Optional[PT1M30S]
 * Durations.parse("soon");    // Optional.empty()
 * }</pre>
 */
final class Durations {
    static final String FORMS = "a duration such as 30s, 10m, 1h, PT10M or a number of seconds";

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {}

    /** The duration a YAML value names, or empty when it names none (negative durations are none). */
    static Optional<Duration> parse(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long seconds = ((Number) value).longValue();
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        }
        if (value instanceof Double d) {
            return d < 0 || d.isNaN() || d.isInfinite() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(d * 1000)));
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d{1,18}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
        }
        Matcher m = SHORT.matcher(s);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            long millis = Math.round(amount * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            });
            return Optional.of(Duration.ofMillis(millis));
        }
        if (s.startsWith("p")) {                          // ISO-8601: PT10M, P1D
            try {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
