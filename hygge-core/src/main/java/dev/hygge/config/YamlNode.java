package dev.hygge.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. A map value's origin is the line of its key
 * (the line a user looks at); a list item's origin is the item's line.
 */
final class YamlNode {
    private final Object value;
    private final Origin origin;

    private YamlNode(Object value, Origin origin) {
        this.value = value;
        this.origin = origin;
    }

    static YamlNode scalar(Object value, Origin origin) {
        return new YamlNode(value, origin);
    }

    static YamlNode map(Map<String, YamlNode> entries, Origin origin) {
        return new YamlNode(Collections.unmodifiableMap(new LinkedHashMap<>(entries)), origin);
    }

    static YamlNode list(List<YamlNode> items, Origin origin) {
        return new YamlNode(List.copyOf(items), origin);
    }

    Origin origin() {
        return origin;
    }

    /** The same value seen from another origin (a key's line rather than the value's). */
    YamlNode at(Origin where) {
        return new YamlNode(value, where);
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

    @Override
    public String toString() {
        return String.valueOf(toPlain());
    }
}
