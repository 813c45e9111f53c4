package dev.hygge.config;

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

    Optional<Integer> integer(YamlNode node, String key, int min, int max) {
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
            problems.add(node.origin(), "'" + key + "' must be a whole number from " + min + " to " + max + ", not " + node.described());
            return Optional.empty();
        }
        if (number < min || number > max) {
            problems.add(node.origin(), "'" + key + "' is " + number + ", out of range: use a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    Optional<java.time.Duration> duration(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Optional<java.time.Duration> parsed = Durations.parse(node.scalarValue());
        if (parsed.isEmpty()) {
            problems.add(node.origin(), "'" + key + "' must be " + Durations.FORMS + ", not " + node.described());
        } else if (parsed.get().compareTo(ProjectLoader.MAX_LOCK_TIMEOUT) > 0) {
            problems.add(node.origin(), "'" + key + "' is " + Durations.shown(parsed.get()) + ", more than the 7 days it may be;"
                    + " plain numbers are seconds (10m is ten minutes)");
            return Optional.empty();
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
