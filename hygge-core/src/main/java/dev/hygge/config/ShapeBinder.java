package dev.hygge.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.hygge.spi.Options;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Binds a map of a project's files to its {@link Shapes shape} with the shared mapper, finding
 * every problem in one pass: a key the shape does not have, or a value of the wrong kind, is left
 * out and the rest bound again, and each is handed back with the {@link YamlNode} it was written
 * at (found from Jackson's path), so its message names that file, line and column.
 *
 * <pre>{@code
 * Bound<Shapes.FlowOptionsShape> options = binder.bind(node, Shapes.FlowOptionsShape.class, legacy::put);
 * options.shape().queueSize();          // 8, or null when absent or mistyped
 * options.mistyped();                   // keys whose value was of the wrong kind: worded by Scalars
 * }</pre>
 */
final class ShapeBinder {
    /**
     * The shared mapper, stricter where YAML's values would slip through: no {@code 1.5} read as
     * 1, no {@code 1} read as true.
     */
    private static final ObjectMapper MAPPER = strict(Options.mapper().copy());

    private ShapeBinder() {}

    /**
     * A shape bound from a map, with the keys whose values could not be.
     *
     * @param shape the bound record; a component whose key was absent, empty or mistyped is null
     * @param node the map it was bound from
     * @param mistyped the keys whose value is of the wrong kind, for {@link Scalars} to word
     */
    record Bound<R>(R shape, YamlNode node, Set<String> mistyped) {
        /** The node of a key, or null when the key was not given. */
        YamlNode at(String key) {
            return node.get(key);
        }
    }

    /**
     * Binds {@code node} (a map) to {@code shape}; a key the shape does not have is a problem at its
     * line that names the closest valid key.
     *
     * @param where what the map is, for messages ({@code "flow 'orders'"})
     */
    static <R extends Record> Bound<R> bind(YamlNode node, Class<R> shape, String where, Problems problems) {
        List<String> valid = Shapes.keys(shape);
        return bind(node, shape, (key, value) -> problems.add(value.origin(), Closest.unknownKey(where, key, valid)));
    }

    /**
     * Binds {@code node} (a map) to {@code shape}.
     *
     * @param unknown told each key the shape does not have, with its node, in the order written
     */
    static <R extends Record> Bound<R> bind(YamlNode node, Class<R> shape, BiConsumer<String, YamlNode> unknown) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) node.toPlain());
        Set<String> mistyped = new LinkedHashSet<>();
        Map<String, YamlNode> unknownKeys = new LinkedHashMap<>();
        while (true) {
            try {
                R bound = MAPPER.convertValue(values, shape);
                // in the order written, whatever order Jackson met them in
                node.entries().forEach((key, value) -> {
                    if (unknownKeys.containsKey(key)) {
                        unknown.accept(key, value);
                    }
                });
                return new Bound<>(bound, node, mistyped);
            } catch (IllegalArgumentException e) {
                String key = failedKey(e).orElseThrow(() -> new IllegalStateException(
                        "cannot bind " + shape.getSimpleName() + " at " + node.origin() + ": " + e.getMessage(), e));
                if (!values.containsKey(key)) {
                    throw new IllegalStateException("binding " + shape.getSimpleName() + " failed again at '" + key + "'", e);
                }
                values.remove(key);
                if (e.getCause() instanceof UnrecognizedPropertyException) {
                    unknownKeys.put(key, node.get(key));
                } else {
                    mistyped.add(key);
                }
            }
        }
    }

    /** The top-level key a binding failure is about. */
    private static Optional<String> failedKey(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return Optional.ofNullable(m.getPath().get(0).getFieldName());
        }
        return Optional.empty();
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }
}
