package dev.hygge.schema;

import java.util.Map;
import java.util.OptionalInt;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Arrow field metadata keys through which a Home passes what its source declared about a
 * column, so that inference downstream keeps it instead of guessing from a sample.
 *
 * <pre>{@code
 * Field email = new Field("email",
 *         new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(SqlFieldMetadata.LENGTH, "320")), null);
 * }</pre>
 *
 * <p>A declared length wins over the sampled one; a declared type ({@link #TYPE}) is kept as a
 * hint for logs and for stores of the same dialect.
 */
public final class SqlFieldMetadata {
    /** Declared length in characters (strings) or bytes (binary); {@code -1} or {@code max} = unbounded. */
    public static final String LENGTH = "hygge.sql.length";
    /** Declared numeric precision. */
    public static final String PRECISION = "hygge.sql.precision";
    /** Declared numeric scale. */
    public static final String SCALE = "hygge.sql.scale";
    /** The source's own type name, as the source spelled it ({@code nvarchar}, {@code money}). */
    public static final String TYPE = "hygge.sql.type";

    /** Length value meaning "no limit". */
    public static final int UNBOUNDED = -1;

    private SqlFieldMetadata() {}

    /** The declared length of {@code field}, {@link #UNBOUNDED} for "max"/-1, empty when none is declared. */
    public static OptionalInt length(Field field) {
        String value = value(field, LENGTH);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value.equalsIgnoreCase("max")) {
            return OptionalInt.of(UNBOUNDED);
        }
        int length = parse(field, LENGTH, value);
        return OptionalInt.of(length < 0 ? UNBOUNDED : length);
    }

    /** The declared precision of {@code field}, empty when none is declared. */
    public static OptionalInt precision(Field field) {
        String value = value(field, PRECISION);
        return value == null ? OptionalInt.empty() : OptionalInt.of(parse(field, PRECISION, value));
    }

    /** The declared scale of {@code field}, empty when none is declared. */
    public static OptionalInt scale(Field field) {
        String value = value(field, SCALE);
        return value == null ? OptionalInt.empty() : OptionalInt.of(parse(field, SCALE, value));
    }

    /** The source's type name, or null. */
    public static String type(Field field) {
        return value(field, TYPE);
    }

    private static String value(Field field, String key) {
        Map<String, String> metadata = field.getMetadata();
        if (metadata == null) {
            return null;
        }
        String value = metadata.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int parse(Field field, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Field '" + field.getName() + "' has metadata " + key + "=" + value
                    + ", which is not a whole number", e);
        }
    }
}
