package dev.hygge.config;

import dev.hygge.spi.FlowLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one setting of a project as text, a whole number, true/false, a duration or a list of
 * globs; a value of the wrong kind is a problem with its file and line (and never shows a value
 * that came from the environment), and reads as empty.
 */
final class Scalars {
    private final Problems problems;

    Scalars(Problems problems) {
        this.problems = problems;
    }

    Optional<String> text(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        if (value == null || node.isMap() || node.isList()) {
            problems.add(node.origin(), "'" + key + "' must be text, not " + node.kind());
            return Optional.empty();
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            problems.add(node.origin(), "'" + key + "' is empty; give it a value or remove it");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** A whole number in the setting's range ({@link FlowLimits}), worded as the SDK's builders word it. */
    Optional<Integer> integer(YamlNode node, FlowLimits.Whole setting) {
        String key = setting.key();
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        Long number = null;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof String s) {
            try {
                number = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (number == null) {
            problems.add(node.origin(), "'" + key + "' must be " + setting.range() + ", not " + node.described());
            return Optional.empty();
        }
        Optional<String> outOfRange = setting.problem(number);
        if (outOfRange.isPresent()) {
            problems.add(node.origin(), outOfRange.get());
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    /** A {@code lock_timeout}: a duration in {@link FlowLimits}'s range. */
    Optional<java.time.Duration> lockTimeout(YamlNode node) {
        String key = "lock_timeout";
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Optional<java.time.Duration> parsed = Durations.parse(node.scalarValue());
        if (parsed.isEmpty()) {
            problems.add(node.origin(), "'" + key + "' must be " + Durations.FORMS + ", not " + node.described());
        } else {
            Optional<String> outOfRange = FlowLimits.lockTimeoutProblem(parsed.get());
            if (outOfRange.isPresent()) {
                problems.add(node.origin(), outOfRange.get() + "; plain numbers are seconds (10m is ten minutes)");
                return Optional.empty();
            }
        }
        return parsed;
    }

    Optional<Boolean> bool(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(s));
        }
        problems.add(node.origin(), "'" + key + "' must be true or false, not " + node.described());
        return Optional.empty();
    }

    List<String> globs(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isScalar()) {
            return List.of(String.valueOf(node.scalarValue()));
        }
        List<String> result = new ArrayList<>();
        for (YamlNode item : node.items()) {
            if (item.isScalar() && item.scalarValue() != null) {
                result.add(String.valueOf(item.scalarValue()));
            } else {
                problems.add(item.origin(), "'" + key + "' is a list of globs such as \"dim_*\", not " + item.kind());
            }
        }
        if (node.isMap()) {
            problems.add(node.origin(), "'" + key + "' is a list of globs such as [\"dim_*\"], not a map");
        }
        return result;
    }
}
