package dev.hygge.jdbc.arrow;

import static java.util.Objects.requireNonNull;

import dev.hygge.schema.SqlFieldMetadata;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A database's converter set: its own {@link ColumnConverter}s tried first, then the JDBC standard
 * ones ({@link StandardTypes}), then text. It makes each result column's Arrow field, with what the
 * database declared kept in {@link SqlFieldMetadata} keys (type name, length of character and binary
 * columns, precision and scale of decimals) so that schema inference downstream keeps declared
 * lengths instead of guessing, and the consumer that reads it into Arrow's JDBC adapter.
 *
 * <pre>{@code
 * TypeConverters sqlServer = TypeConverters.standard()
 *         .with(TypeRule.named("money").as(new ArrowType.Decimal(19, 4, 128)), ...)
 *         .lengthsUpTo(8000);                          // varchar(max) reports 2^31-1: declared "max"
 * Field email = sqlServer.field(new JdbcColumn(2, "email", Types.NVARCHAR, "nvarchar", 320, 0, true));
 * }</pre>
 *
 * <p>Immutable; one set serves every read of a plugin.
 */
public final class TypeConverters {
    /** Arrow types whose consumer in Arrow's adapter reads them right (see {@link ColumnConverter#consumer}). */
    private static final Set<ArrowTypeID> ARROW_CONSUMES = EnumSet.of(ArrowTypeID.Bool, ArrowTypeID.Int, ArrowTypeID.Decimal,
            ArrowTypeID.FloatingPoint, ArrowTypeID.Utf8, ArrowTypeID.Binary, ArrowTypeID.Null);

    private final List<ColumnConverter> converters;
    private final int longestBounded;

    private TypeConverters(List<ColumnConverter> converters, int longestBounded) {
        this.converters = List.copyOf(converters);
        this.longestBounded = longestBounded;
    }

    /** The JDBC standard types alone; declared lengths up to 2^31-2 are kept (drivers report 2^31-1 or 0 for unbounded). */
    public static TypeConverters standard() {
        return new TypeConverters(StandardTypes.RULES, Integer.MAX_VALUE - 1);
    }

    /** This set with {@code first} tried before its own converters, in the order given. */
    public TypeConverters with(ColumnConverter... first) {
        List<ColumnConverter> all = new ArrayList<>(List.of(first));
        all.addAll(converters);
        return new TypeConverters(all, longestBounded);
    }

    /** This set declaring lengths above {@code longest} as unbounded ({@code max}): a database's largest non-MAX size. */
    public TypeConverters lengthsUpTo(int longest) {
        if (longest < 1) {
            throw new IllegalArgumentException("longest must be at least 1: " + longest);
        }
        return new TypeConverters(converters, longest);
    }

    /** The converter that reads {@code column}: the first that accepts it, else {@link StandardTypes#TEXT}. */
    public ColumnConverter converterFor(JdbcColumn column) {
        for (ColumnConverter converter : converters) {
            if (converter.accepts(column)) {
                return converter;
            }
        }
        return StandardTypes.TEXT;
    }

    /** The Arrow field {@code column} is read as, with its declarations in the field metadata. */
    public Field field(JdbcColumn column) {
        ColumnConverter converter = converterFor(column);
        Map<String, String> metadata = declarations(column);
        metadata.putAll(converter.declare(column));
        return new Field(column.name(), new FieldType(column.nullable(), converter.arrowType(column), null, metadata), null);
    }

    /** The consumer that fills {@code vector} for {@code column}: the converter's own, else Arrow's for the Arrow type. */
    JdbcConsumer<?> consumer(JdbcColumn column, FieldVector vector, JdbcToArrowConfig config) {
        ColumnConverter converter = converterFor(column);
        JdbcConsumer<?> own = converter.consumer(column, vector);
        if (own != null) {
            return own;
        }
        ArrowType type = vector.getField().getType();
        if (!ARROW_CONSUMES.contains(type.getTypeID())) {
            throw new IllegalStateException(converter + " makes " + type + " for column '" + column.name()
                    + "' but gives no consumer, and Arrow's adapter reads " + type.getTypeID() + " wrong; give it one with readBy");
        }
        return JdbcToArrowUtils.getConsumer(type, column.index(), column.nullable(), vector, config);
    }

    /** What every column declares: its type name, and its length, or its precision and scale. */
    private Map<String, String> declarations(JdbcColumn column) {
        Map<String, String> declared = new HashMap<>();
        if (!column.typeName().isEmpty()) {
            declared.put(SqlFieldMetadata.TYPE, column.typeName());
        }
        int precision = column.precision();
        switch (column.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.BINARY, Types.VARBINARY ->
                    declared.put(SqlFieldMetadata.LENGTH, precision <= 0 || precision > longestBounded
                            ? "max" : Integer.toString(precision));
            case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.LONGVARBINARY, Types.CLOB, Types.NCLOB, Types.BLOB ->
                    declared.put(SqlFieldMetadata.LENGTH, "max");
            case Types.DECIMAL, Types.NUMERIC -> {
                if (precision > 0) {
                    declared.put(SqlFieldMetadata.PRECISION, Integer.toString(precision));
                    declared.put(SqlFieldMetadata.SCALE, Integer.toString(column.scale()));
                }
            }
            default -> { }
        }
        return declared;
    }
}
