package dev.hygge.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Makes a message safe to print: secrets masked ({@link Secrets#maskText}) and every value that
 * {@code ${VAR}} put into the project replaced by {@code ${VAR}}, so that a password given through
 * the environment never reaches an error, a log line or a run record, whatever the key it sits under.
 *
 * <pre>{@code
 * Redactor r = new Redactor(Map.of("hunter2", "PW"));
 * r.redact("login failed for password hunter2");   // "login failed for password ${PW}"
 * }</pre>
 */
final class Redactor {
    /** Shorter values would blank out ordinary words and numbers of unrelated messages; messages built from a node never show its value. */
    static final int MIN_LENGTH = 3;

    private final List<Map.Entry<String, String>> values;

    Redactor(Map<String, String> substituted) {
        // longest first, so that a value holding another is replaced whole
        this.values = substituted.entrySet().stream().filter(e -> e.getKey().length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> value : values) {
            out = out.replace(value.getKey(), "${" + value.getValue() + "}");
        }
        return Secrets.maskText(out);
    }
}
