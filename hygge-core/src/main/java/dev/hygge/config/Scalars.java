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

    /**
     * The text a shape bound for {@code key}, trimmed; empty when absent. A value of another kind
     * ({@code bound.mistyped()}) or blank is a problem at its line.
     */
    Optional<String> text(ShapeBinder.Bound<?> bound, String key, String value) {
        YamlNode node = bound.at(key);
        if (bound.mistyped().contains(key)) {
            problems.add(node.origin(), "'" + key + "' must be text, not " + node.kind());
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            problems.add(node.origin(), "'" + key + "' is empty; give it a value or remove it");
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /**
     * The whole number a shape bound for the setting, in its range ({@link FlowLimits}, worded as
     * the SDK's builders word it); empty when absent, mistyped or out of range (then a problem).
     */
    Optional<Integer> whole(ShapeBinder.Bound<?> bound, Long value, FlowLimits.Whole setting) {
        YamlNode node = bound.at(setting.key());
        if (bound.mistyped().contains(setting.key())) {
            problems.add(node.origin(), "'" + setting.key() + "' must be " + setting.range() + ", not " + node.described());
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        Optional<String> outOfRange = setting.problem(value);
        if (outOfRange.isPresent()) {
            problems.add(node.origin(), outOfRange.get());
            return Optional.empty();
        }
        return Optional.of(value.intValue());
    }

    /** The true/false a shape bound for {@code key}; empty when absent or mistyped (then a problem). */
    Optional<Boolean> bool(ShapeBinder.Bound<?> bound, String key, Boolean value) {
        if (bound.mistyped().contains(key)) {
            problems.add(bound.at(key).origin(), "'" + key + "' must be true or false, not " + bound.at(key).described());
            return Optional.empty();
        }
        return Optional.ofNullable(value);
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
