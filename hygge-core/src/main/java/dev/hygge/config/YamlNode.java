package dev.hygge.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. A map value's origin is the line of its key
 * (the line a user looks at); a list item's origin is the item's line. A scalar also remembers the
 * environment variables whose values {@code ${VAR}} put into it, so that messages name the
 * variable rather than echo its value (which may be a password).
 */
final class YamlNode {
    private final Object value;
    private final Origin origin;
    private final List<String> variables;

    private YamlNode(Object value, Origin origin, List<String> variables) {
        this.value = value;
        this.origin = origin;
        this.variables = variables;
    }

    static YamlNode scalar(Object value, Origin origin) {
        return new YamlNode(value, origin, List.of());
    }

    /** A scalar that holds the values of these environment variables. */
    static YamlNode scalar(Object value, Origin origin, List<String> variables) {
        return new YamlNode(value, origin, List.copyOf(variables));
    }

    /** Another scalar value derived from this one (a path resolved, {@code {entity}} replaced): same origin, same variables. */
    YamlNode with(Object newValue) {
        return new YamlNode(newValue, origin, variables);
    }

    /** The kind and value for "must be ..., not X" messages: {@code text 'soon'}, {@code a list}, or {@link #shown()}. */
    String described() {
        if (!variables.isEmpty()) {
            return shown();
        }
        return isScalar() && value != null ? kind() + " '" + value + "'" : kind();
    }

    /** The environment variables whose values are in this scalar; empty when none. */
    List<String> variables() {
        return variables;
    }

    /**
     * The value as a message may show it: quoted, or, when it holds an environment variable's
     * value, only the variable's name ({@code the value of ${PW}}).
     */
    String shown() {
        if (!variables.isEmpty()) {
            return "the value of " + variables.stream().map(v -> "${" + v + "}").collect(java.util.stream.Collectors.joining(", "))
                    + " (not shown)";
        }
        return isScalar() ? "'" + value + "'" : kind();
    }

    static YamlNode map(Map<String, YamlNode> entries, Origin origin) {
        return new YamlNode(Collections.unmodifiableMap(new LinkedHashMap<>(entries)), origin, List.of());
    }

    static YamlNode list(List<YamlNode> items, Origin origin) {
        return new YamlNode(List.copyOf(items), origin, List.of());
    }

    Origin origin() {
        return origin;
    }

    /** The same value seen from another origin (a key's line rather than the value's). */
    YamlNode at(Origin where) {
        return new YamlNode(value, where, variables);
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isScalar() {
        return !isMap() && !isList();
    }

    boolean isNull() {
        return value == null;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> entries() {
        return isMap() ? (Map<String, YamlNode>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> items() {
        return isList() ? (List<YamlNode>) value : List.of();
    }

    YamlNode get(String key) {
        return entries().get(key);
    }

    Object scalarValue() {
        return isScalar() ? value : null;
    }

    /** The node at a path of map keys and list indexes, or the deepest one that exists. */
    YamlNode find(List<Object> path) {
        YamlNode node = this;
        for (Object step : path) {
            YamlNode next = null;
            if (step instanceof String key) {
                next = node.get(key);
            } else if (step instanceof Integer index && index >= 0 && index < node.items().size()) {
                next = node.items().get(index);
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }

    /** Plain Java values: {@code LinkedHashMap}, {@code ArrayList}, strings, numbers, booleans, nulls. */
    Object toPlain() {
        if (isMap()) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries().forEach((k, v) -> map.put(k, v.toPlain()));
            return map;
        }
        if (isList()) {
            List<Object> list = new ArrayList<>();
            items().forEach(item -> list.add(item.toPlain()));
            return list;
        }
        return value;
    }

    /** A short description of the kind of value, for messages. */
    String kind() {
        if (isMap()) {
            return "a map";
        }
        if (isList()) {
            return "a list";
        }
        if (value == null) {
            return "empty";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        return "a number";
    }

    /** {@code over} merged onto {@code base} ({@link #mergeMaps}); either may be null. */
    static YamlNode merge(YamlNode base, YamlNode over) {
        if (over == null) {
            return base;
        }
        if (base == null) {
            return over;
        }
        return mergeMaps(base, over);
    }

    /** Deep merge: maps merge key by key, anything else in {@code over} replaces (entity over flow). */
    static YamlNode mergeMaps(YamlNode base, YamlNode over) {
        if (!base.isMap() || !over.isMap()) {
            return over;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(base.entries());
        over.entries().forEach((k, v) -> entries.merge(k, v, YamlNode::mergeMaps));
        return YamlNode.map(entries, over.origin());
    }

    @Override
    public String toString() {
        return String.valueOf(toPlain());
    }
}
