package dev.hygge.jdbc.arrow;

import java.util.Map;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How one kind of JDBC column is read into Arrow: the Arrow type it becomes, what it declares
 * for schema inference, and the consumer that fills its vector. A database's converter set
 * ({@link TypeConverters}) tries its own converters before the standard JDBC ones; most are
 * {@link TypeRule}s.
 *
 * <pre>{@code
 * ColumnConverter uuid = TypeRule.named("uniqueidentifier").as(new ArrowType.FixedSizeBinary(16))
 *         .declaring(UuidConsumer.FIELD_METADATA).readBy((vector, column) -> new UuidConsumer((FixedSizeBinaryVector) vector, column));
 * }</pre>
 *
 * @since 0.1
 */
public interface ColumnConverter {
    /** Whether this converter reads {@code column}. */
    boolean accepts(JdbcColumn column);

    /** The Arrow type {@code column} becomes. */
    ArrowType arrowType(JdbcColumn column);

    /**
     * Field metadata this column adds to (or overrides in) the standard declarations of
     * {@link TypeConverters} (type name, length, precision, scale).
     */
    default Map<String, String> declare(JdbcColumn column) {
        return Map.of();
    }

    /**
     * The consumer that fills {@code vector} (of {@link #arrowType}) from the column, or null to let
     * Arrow's JDBC adapter pick its own for the Arrow type. Arrow's own serve for booleans, signed
     * integers, decimals, floating point, text, binary and nulls; temporal and other types need one
     * here (see {@link StandardTypes}).
     */
    default JdbcConsumer<?> consumer(JdbcColumn column, FieldVector vector) {
        return null;
    }
}
