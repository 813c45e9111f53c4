package dev.hygge.spi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import java.util.Map;

/**
 * Binds plain option maps ({@code batch_size: 50000}) to a factory's typed options class: one
 * shared Jackson mapper, snake_case keys, unknown keys rejected with the valid ones named.
 */
public final class Options {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Options() {}

    /** The shared mapper options are bound with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Binds {@code values} to {@code type}.
     *
     * @param where what the values describe, for messages ({@code "Store 'parquet'"})
     * @throws ConfigException naming the key and the valid keys
     */
    public static <O> O bind(Map<String, ?> values, Class<O> type, String where) {
        try {
            return MAPPER.convertValue(values == null ? Map.of() : values, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnrecognizedPropertyException unknown) {
                throw new ConfigException(where + ": unknown option '" + unknown.getPropertyName()
                        + "'; valid options: " + unknown.getKnownPropertyIds(), e);
            }
            if (cause instanceof InvalidFormatException bad && bad.getTargetType() != null && bad.getTargetType().isEnum()) {
                throw new ConfigException(where + ": option '" + path(bad) + "' cannot be '" + bad.getValue() + "'; give one of "
                        + java.util.Arrays.stream(bad.getTargetType().getEnumConstants())
                                .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                                .collect(java.util.stream.Collectors.joining(", ")), e);
            }
            if (cause instanceof InvalidFormatException bad) {
                throw new ConfigException(where + ": option '" + path(bad) + "' cannot be " + bad.getValue()
                        + " (expected " + bad.getTargetType().getSimpleName() + ")", e);
            }
            throw new ConfigException(where + ": " + (cause != null ? cause.getMessage() : e.getMessage()), e);
        }
    }

    /**
     * The top-level option key a {@link #bind} failure is about, when it is one value that could not
     * be bound (so a caller can leave it out and bind the rest to find their problems too).
     */
    public static java.util.Optional<String> failedKey(ConfigException e) {
        if (e.getCause() != null && e.getCause().getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m
                && !m.getPath().isEmpty() && m.getPath().get(0).getFieldName() != null) {
            return java.util.Optional.of(m.getPath().get(0).getFieldName());
        }
        return java.util.Optional.empty();
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
