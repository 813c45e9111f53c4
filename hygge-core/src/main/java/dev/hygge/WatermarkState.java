package dev.hygge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Watermark;
import java.util.Map;

/**
 * A watermark as a Store keeps it with its data ({@link dev.hygge.spi.SupportsState}, key
 * {@value #KEY}): a small JSON object with the column, the kind and the exact text, so that a
 * watermark kept for another column, or for a column whose type changed, is never compared with
 * today's values.
 *
 * <pre>{@code
 * WatermarkState.encode("updated_at", Watermark.of(LocalDateTime.parse("2026-12-01T10:15:30.123456789")));
 * // {"column":"updated_at","kind":"TIMESTAMP","value":"2026-12-01T10:15:30.123456789"}
 * }</pre>
 */
final class WatermarkState {
    /** The state key the engine keeps a flow's watermark under, in its destination. */
    static final String KEY = "hygge.watermark";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private WatermarkState() {}

    record Kept(String column, String kind, String value) {}

    static String encode(String column, Watermark watermark) {
        try {
            return JSON.writeValueAsString(new Kept(column, watermark.kind().name(), watermark.text()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a watermark as JSON", e);
        }
    }

    /**
     * The watermark kept in {@code text}, checked against the flow's column and its kind today.
     *
     * @throws ConfigException when it was kept for another column or kind, or cannot be read: the
     *     message says to run once with {@code --full-drop}
     */
    static Watermark decode(String text, String column, Watermark.Kind kind, String flow, String where) {
        String again = "; run the flow once with --full-drop (run_type: full_drop) to read everything and start again";
        Kept kept;
        try {
            kept = JSON.readValue(text, Kept.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("Flow " + flow + ": the watermark kept in " + where + " cannot be read (" + text + ")" + again);
        }
        if (kept.column() == null || kept.kind() == null || kept.value() == null) {
            throw new ConfigException("Flow " + flow + ": the watermark kept in " + where + " is incomplete (" + text + ")" + again);
        }
        if (!kept.column().equalsIgnoreCase(column)) {
            throw new ConfigException("Flow " + flow + ": the watermark kept in " + where + " is for column '" + kept.column()
                    + "', but watermark_column is now '" + column + "'" + again);
        }
        if (!kept.kind().equals(kind.name())) {
            throw new ConfigException("Flow " + flow + ": the watermark kept in " + where + " is a " + kept.kind().toLowerCase(
                    java.util.Locale.ROOT) + ", but column '" + column + "' now reads as a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + again);
        }
        try {
            return Watermark.parse(kind, kept.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Flow " + flow + ": the watermark kept in " + where + ": " + e.getMessage() + again, e);
        }
    }

    static Map<String, String> state(String column, Watermark watermark) {
        return Map.of(KEY, encode(column, watermark));
    }
}
