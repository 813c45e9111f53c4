package dev.hygge.schema;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.OptionalInt;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * What a sample says about one column: the Arrow field (type, declared nullability, metadata)
 * plus what the sampled values showed.
 *
 * <pre>{@code
 * ColumnProfile email = SchemaProfiler.profile(schema, sample).column("email");
 * email.maxLength();   // longest value in characters (code points: a surrogate pair counts once)
 * }</pre>
 *
 * @param field the Arrow field
 * @param rows rows sampled
 * @param nulls nulls among them
 * @param maxLength longest string in characters, or longest binary in bytes; -1 when no value was seen or the type has no length
 * @param minInteger smallest integer seen, null when none (or not an integer column)
 * @param maxInteger largest integer seen, null when none
 * @param maxPrecision most significant digits of a decimal value seen (0 when none)
 * @param maxScale largest scale of a decimal value seen (0 when none)
 */
public record ColumnProfile(Field field, long rows, long nulls, long maxLength, BigInteger minInteger,
                            BigInteger maxInteger, int maxPrecision, int maxScale) {
    public ColumnProfile {
        requireNonNull(field, "field is null");
    }

    /** A profile of a column no value of which was sampled. */
    public static ColumnProfile unsampled(Field field) {
        return new ColumnProfile(field, 0, 0, -1, null, null, 0, 0);
    }

    public String name() {
        return field.getName();
    }

    public ArrowType type() {
        return field.getType();
    }

    /** Whether the source declares the column nullable. */
    public boolean nullable() {
        return field.isNullable();
    }

    /** Whether a null was seen in the sample. */
    public boolean nullSeen() {
        return nulls > 0;
    }

    /** Whether the sample had rows and every one was null (or no rows at all). */
    public boolean allNull() {
        return nulls == rows;
    }

    /** The length the source declared ({@link SqlFieldMetadata#LENGTH}), {@link SqlType#UNBOUNDED} for max. */
    public OptionalInt declaredLength() {
        return SqlFieldMetadata.length(field);
    }

    public OptionalInt declaredPrecision() {
        return SqlFieldMetadata.precision(field);
    }

    public OptionalInt declaredScale() {
        return SqlFieldMetadata.scale(field);
    }

    /** The source's own type name ({@link SqlFieldMetadata#TYPE}), or null. */
    public String declaredType() {
        return SqlFieldMetadata.type(field);
    }
}
