package dev.hygge.mssql;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One source column of an {@link ArrowBulkData} view: the JDBC type, precision and scale it declares
 * to the bulk copy ({@link MssqlTypes#bulkColumn}), and a reader over the current batch's vector that
 * hands each value to the driver as the Java object its bulk-copy writer expects for that type.
 *
 * <pre>{@code
 * BulkValue c = BulkValue.of(field);
 * c.bind(root.getVector(i));     // each batch
 * Object v = c.get(row);         // null, or the value
 * }</pre>
 */
abstract class BulkValue {
    final String name;
    final int jdbcType;
    final int precision;
    final int scale;
    FieldVector vector;
    ArrowBuf data;
    boolean nullable;

    BulkValue(Field field, MssqlTypes.BulkColumn type) {
        this.name = field.getName();
        this.jdbcType = type.jdbcType();
        this.precision = type.precision();
        this.scale = type.scale();
    }

    void bind(FieldVector v) {
        this.vector = v;
        this.data = v instanceof BaseFixedWidthVector || v instanceof BitVector ? v.getDataBuffer() : null;
        this.nullable = v.getNullCount() > 0;
    }

    final Object get(int index) {
        if (nullable && vector.isNull(index)) {
            return null;
        }
        return value(index);
    }

    abstract Object value(int index);

    /**
     * The encoder for {@code field}: one small class per Arrow type, grouped by family in
     * {@link BulkNumbers}, {@link BulkTemporals} and {@link BulkBytes}.
     *
     * @throws dev.hygge.spi.StoreException for a type SQL Server cannot hold
     */
    static BulkValue of(Field field) {
        MssqlTypes.BulkColumn type = MssqlTypes.bulkColumn(field);
        ArrowType arrow = field.getType();
        return switch (arrow.getTypeID()) {
            case Int -> BulkNumbers.integer(field, type, (ArrowType.Int) arrow);
            case FloatingPoint -> BulkNumbers.floating(field, type, (ArrowType.FloatingPoint) arrow);
            case Decimal -> BulkNumbers.decimal(field, type, (ArrowType.Decimal) arrow);
            case Bool -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    return ((BitVector) vector).get(index) != 0 ? Boolean.TRUE : Boolean.FALSE;
                }
            };
            case Utf8 -> new BulkBytes.Utf8Value(field, type);
            case LargeUtf8 -> new BulkBytes.LargeUtf8Value(field, type);
            case Binary -> BulkBytes.binary(field, type);
            case LargeBinary -> BulkBytes.largeBinary(field, type);
            case FixedSizeBinary -> BulkBytes.fixedSize(field, type);
            case Date -> BulkTemporals.date(field, type, (ArrowType.Date) arrow);
            case Time -> BulkTemporals.time(field, type, (ArrowType.Time) arrow);
            case Timestamp -> BulkTemporals.timestamp(field, type, ((ArrowType.Timestamp) arrow).getUnit());
            case Duration -> BulkTemporals.duration(field, type);
            case Null -> new BulkValue(field, type) {
                @Override
                void bind(FieldVector v) {
                    super.bind(v);
                    nullable = false;
                }

                @Override
                Object value(int index) {
                    return null;
                }
            };
            default -> new BulkValue(field, type) {
                // Nested and other types: Arrow's own JSON rendering (lists, structs, maps), or text.
                @Override
                Object value(int index) {
                    Object value = vector.getObject(index);
                    return value == null ? null : value.toString();
                }
            };
        };
    }
}
