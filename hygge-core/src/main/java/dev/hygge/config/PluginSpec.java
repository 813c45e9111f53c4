package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Home, Store or connection as the project resolved it: a type name and its options with
 * {@code snake_case} keys, {@code ${VAR}} and {@code {entity}} already replaced and relative paths
 * resolved against the project folder. The options are bound to the factory's typed options class
 * by {@link dev.hygge.spi.Options#bind} when the flow runs (and up front by {@link Project#validate}).
 *
 * <pre>{@code
 * PluginSpec store = definition.store();
 * store.type();       // "parquet"
 * store.options();    // {path=/home/me/sales/lake, compression=zstd}
 * store.masked();     // the same with secrets replaced by ****
 * }</pre>
 */
public final class PluginSpec {
    private final String type;
    private final Map<String, Object> options;
    private final YamlNode node;
    private final Origin typeOrigin;

    PluginSpec(String type, YamlNode node, Origin typeOrigin) {
        this.type = requireNonNull(type, "type is null");
        this.node = requireNonNull(node, "node is null");
        this.typeOrigin = requireNonNull(typeOrigin, "typeOrigin is null");
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) node.toPlain();
        plain.remove("type");
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(plain));
    }

    public String type() {
        return type;
    }

    /** The options without {@code type}, as plain maps, lists and scalars. */
    public Map<String, Object> options() {
        return options;
    }

    /** The options with secret values replaced by {@link Secrets#MASK}, for output. */
    public Map<String, Object> masked() {
        return Secrets.mask(options);
    }

    /**
     * This spec with one option set (added or replaced), as {@code hygge go --var
     * flow.sales.store.path=out} asks for one run: {@code key} is the path of keys ({@code [path]},
     * {@code [options, batch_size]}), nested maps made as needed; problems with the value are
     * reported at {@code origin}. The value is taken as given: relative paths are not resolved.
     */
    public PluginSpec withOption(List<String> key, Object value, Origin origin) {
        requireNonNull(key, "key is null");
        requireNonNull(origin, "origin is null");
        if (key.isEmpty() || key.contains("type")) {
            throw new IllegalArgumentException("an option key is needed, and 'type' cannot be changed: " + key);
        }
        return new PluginSpec(type, set(node, key, value, origin), typeOrigin);
    }

    private static YamlNode set(YamlNode node, List<String> key, Object value, Origin origin) {
        Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
        YamlNode child = key.size() == 1 ? YamlNode.scalar(value, origin)
                : set(entries.getOrDefault(key.get(0), YamlNode.map(Map.of(), origin)), key.subList(1, key.size()), value, origin);
        entries.put(key.get(0), child);
        return YamlNode.map(entries, node.origin() != null ? node.origin() : origin);
    }

    /** Where the settings were written. */
    public Origin origin() {
        return node.origin();
    }

    YamlNode node() {
        return node;
    }

    Origin typeOrigin() {
        return typeOrigin;
    }

    @Override
    public String toString() {
        return type + " " + masked();
    }
}
