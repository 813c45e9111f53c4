package dev.hygge.postgres;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Picks each column's {@link CopyEncoder} from its Arrow type and its PostgreSQL type, for the
 * pairs a table write meets: the type inference chose for the Arrow type, or an existing column's
 * type the values fit. Integers narrow only when each value fits (else the error names it);
 * temporal values go to PostgreSQL's microseconds since 2000-01-01 ({@link CopyTemporals}).
 *
 * <pre>{@code
 * CopyEncoder encode = CopyEncoders.of(field, pgType, "amount");
 * if (!vector.isNull(row)) encode.write(vector, row, out); else out.int32(-1);
 * }</pre>
 */
final class CopyEncoders {
    private CopyEncoders() {}

    /**
     * The encoder of {@code source} values into a {@code target} column.
     *
     * @throws IllegalArgumentException naming the column, both types and what to do, when there is none
     */
    static CopyEncoder of(Field source, PgType target, String column) {
        CopyEncoder encoder = find(source, target, column);
        if (encoder == null) {
            throw new IllegalArgumentException("column '" + column + "' is " + target.sql() + " in PostgreSQL, and the"
                    + " source's values are Arrow " + source.getType() + ", which the binary COPY cannot write into it;"
                    + " change the column's type or the source's (schema_overrides for a new table)");
        }
        return encoder;
    }

    private static CopyEncoder find(Field source, PgType target, String column) {
        ArrowType type = source.getType();
        if (type instanceof ArrowType.Null) {
            // every value is NULL, written by the loader: nothing ever reaches an encoder
            return (vector, row, out) -> out.int32(-1);
        }
        if (target.isArray()) {
            return array(source, target, column);
        }
        if (target.kind() == 'e') {
            return isText(type) ? CopyEncoders::text : null;
        }
        return switch (target.name()) {
            case "bool" -> type instanceof ArrowType.Bool ? CopyEncoders::bool : null;
            case "int2" -> integer(type, column, 2);
            case "int4" -> integer(type, column, 4);
            case "int8" -> integer(type, column, 8);
            case "float4" -> floating(type, true);
            case "float8" -> floating(type, false);
            case "numeric" -> numeric(type);
            case "text", "varchar", "bpchar", "name", "citext", "xml", "json" -> isText(type) ? CopyEncoders::text
                    : isJsonish(type) ? CopyEncoders::json : null;
            case "jsonb" -> isText(type) ? CopyEncoders::jsonbText : isJsonish(type) ? CopyEncoders::jsonb : null;
            case "bytea" -> type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary
                    ? CopyEncoders::variable : type instanceof ArrowType.FixedSizeBinary ? CopyEncoders::fixed : null;
            case "uuid" -> type instanceof ArrowType.FixedSizeBinary f && f.getByteWidth() == 16 ? CopyEncoders::fixed
                    : isText(type) ? CopyEncoders::uuidText : null;
            case "date", "time", "timetz", "timestamp", "timestamptz", "interval" -> CopyTemporals.of(type, target.name(), column);
            default -> null;
        };
    }

    static boolean isText(ArrowType type) {
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
    }

    /** Nested values, written as their JSON text. */
    private static boolean isJsonish(ArrowType type) {
        return type instanceof ArrowType.Struct || type instanceof ArrowType.Map || type instanceof ArrowType.List
                || type instanceof ArrowType.LargeList;
    }

    private static void bool(FieldVector vector, int row, CopyBuffer out) {
        out.int32(1);
        out.int8(((BitVector) vector).get(row));
    }

    private static CopyEncoder integer(ArrowType type, String column, int bytes) {
        if (!(type instanceof ArrowType.Int source)) {
            return null;
        }
        boolean unsigned64 = !source.getIsSigned() && source.getBitWidth() == 64;
        boolean checks = unsigned64 || source.getBitWidth() / 8 > bytes
                || (!source.getIsSigned() && source.getBitWidth() / 8 == bytes);
        if (!checks && source.getIsSigned()) {
            // the common shapes straight from the value buffer's memory
            switch (source.getBitWidth() * 8 + bytes) {
                case 64 * 8 + 8:
                    return (v, row, out) -> out.int64Field(MemoryUtil.getLong(v.getDataBufferAddress() + ((long) row << 3)));
                case 32 * 8 + 8:
                    return (v, row, out) -> out.int64Field(MemoryUtil.getInt(v.getDataBufferAddress() + ((long) row << 2)));
                case 32 * 8 + 4:
                    return (v, row, out) -> out.int32Field(MemoryUtil.getInt(v.getDataBufferAddress() + ((long) row << 2)));
                default:
                    break;
            }
        }
        long min = bytes == 2 ? Short.MIN_VALUE : bytes == 4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = bytes == 2 ? Short.MAX_VALUE : bytes == 4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        return (vector, row, out) -> {
            long value = ((BaseIntVector) vector).getValueAsLong(row);
            if (checks && ((unsigned64 && value < 0) || value < min || value > max)) {
                throw new IllegalArgumentException("column '" + column + "': "
                        + (unsigned64 ? Long.toUnsignedString(value) : Long.toString(value)) + " does not fit its "
                        + (bytes * 8) + "-bit integer type; widen the column (ALTER TABLE ... TYPE bigint or numeric)");
            }
            out.int32(bytes);
            switch (bytes) {
                case 2 -> out.int16((int) value);
                case 4 -> out.int32((int) value);
                default -> out.int64(value);
            }
        };
    }

    private static CopyEncoder floating(ArrowType type, boolean single) {
        if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == (single ? FloatingPointPrecision.SINGLE
                : FloatingPointPrecision.DOUBLE)) {
            // the IEEE bits as they are, big-endian
            return single ? (v, row, out) -> out.int32Field(MemoryUtil.getInt(v.getDataBufferAddress() + ((long) row << 2)))
                    : (v, row, out) -> out.int64Field(MemoryUtil.getLong(v.getDataBufferAddress() + ((long) row << 3)));
        }
        if (type instanceof ArrowType.FloatingPoint) {
            return single ? (v, row, out) -> {
                out.int32(4);
                out.int32(Float.floatToRawIntBits((float) ((FloatingPointVector) v).getValueAsDouble(row)));
            } : (v, row, out) -> {
                out.int32(8);
                out.int64(Double.doubleToRawLongBits(((FloatingPointVector) v).getValueAsDouble(row)));
            };
        }
        if (type instanceof ArrowType.Int || type instanceof ArrowType.Decimal) {
            return single ? (v, row, out) -> {
                out.int32(4);
                out.int32(Float.floatToRawIntBits(number(v, row).floatValue()));
            } : (v, row, out) -> {
                out.int32(8);
                out.int64(Double.doubleToRawLongBits(number(v, row).doubleValue()));
            };
        }
        return null;
    }

    private static BigDecimal number(FieldVector vector, int row) {
        if (vector instanceof DecimalVector d) {
            return d.getObject(row);
        }
        long value = ((BaseIntVector) vector).getValueAsLong(row);
        return vector instanceof UInt8Vector ? new BigDecimal(Long.toUnsignedString(value)) : BigDecimal.valueOf(value);
    }

    private static CopyEncoder numeric(ArrowType type) {
        if (type instanceof ArrowType.Decimal d) {
            int scale = d.getScale();
            return d.getBitWidth() == 128 ? (v, row, out) -> PgNumeric.write((DecimalVector) v, row, scale, out)
                    : (v, row, out) -> PgNumeric.write(((org.apache.arrow.vector.Decimal256Vector) v).getObject(row), out);
        }
        if (type instanceof ArrowType.Int i) {
            boolean unsigned64 = !i.getIsSigned() && i.getBitWidth() == 64;
            return unsigned64 ? (v, row, out) -> PgNumeric.write(number(v, row), out)
                    : (v, row, out) -> PgNumeric.write(((BaseIntVector) v).getValueAsLong(row), 0, out);
        }
        if (type instanceof ArrowType.FloatingPoint) {
            return (v, row, out) -> PgNumeric.write(((FloatingPointVector) v).getValueAsDouble(row), out);
        }
        if (isText(type)) {
            // exact text, as the Home reads a numeric it knows no precision of (a query's numeric[])
            return (v, row, out) -> PgNumeric.write(v.getObject(row).toString(), out);
        }
        return null;
    }

    /** Utf8 and binary values as they are: text, varchar, enums, json, bytea. */
    static void text(FieldVector vector, int row, CopyBuffer out) {
        variable(vector, row, out);
    }

    private static void variable(FieldVector vector, int row, CopyBuffer out) {
        if (vector instanceof BaseVariableWidthVector v) {
            long offsets = v.getOffsetBufferAddress() + ((long) row << 2);
            int start = MemoryUtil.getInt(offsets);
            int length = MemoryUtil.getInt(offsets + 4) - start;
            out.int32(length);
            out.ensure(length);
            MemoryUtil.copyFromMemory(v.getDataBufferAddress() + start, out.array(), out.position(), length);
            out.advance(length);
        } else {
            BaseLargeVariableWidthVector v = (BaseLargeVariableWidthVector) vector;
            ArrowBuf offsets = v.getOffsetBuffer();
            long start = offsets.getLong((long) row * BaseLargeVariableWidthVector.OFFSET_WIDTH);
            int length = Math.toIntExact(offsets.getLong((long) (row + 1) * BaseLargeVariableWidthVector.OFFSET_WIDTH) - start);
            copy(v.getDataBuffer(), start, length, out);
        }
    }

    private static void copy(ArrowBuf data, long start, int length, CopyBuffer out) {
        out.int32(length);
        out.ensure(length);
        data.getBytes(start, out.array(), out.position(), length);
        out.advance(length);
    }

    private static void fixed(FieldVector vector, int row, CopyBuffer out) {
        FixedSizeBinaryVector v = (FixedSizeBinaryVector) vector;
        copy(v.getDataBuffer(), (long) row * v.getByteWidth(), v.getByteWidth(), out);
    }

    /** jsonb's binary form: version 1, then the JSON text. */
    private static void jsonbText(FieldVector vector, int row, CopyBuffer out) {
        int at = out.position();
        variable(vector, row, out);
        // shift in the version byte: the length grows by one
        out.ensure(1);
        byte[] b = out.array();
        int length = out.position() - at - 4;
        System.arraycopy(b, at + 4, b, at + 5, length);
        b[at + 4] = 1;
        out.advance(1);
        writeLength(b, at, length + 1);
    }

    private static void writeLength(byte[] b, int at, int length) {
        b[at] = (byte) (length >>> 24);
        b[at + 1] = (byte) (length >>> 16);
        b[at + 2] = (byte) (length >>> 8);
        b[at + 3] = (byte) length;
    }

    private static void json(FieldVector vector, int row, CopyBuffer out) {
        byte[] text = String.valueOf(vector.getObject(row)).getBytes(StandardCharsets.UTF_8);
        out.int32(text.length);
        out.bytes(text, 0, text.length);
    }

    private static void jsonb(FieldVector vector, int row, CopyBuffer out) {
        byte[] text = String.valueOf(vector.getObject(row)).getBytes(StandardCharsets.UTF_8);
        out.int32(text.length + 1);
        out.int8(1);
        out.bytes(text, 0, text.length);
    }

    /** A UUID written as text ({@code 8-4-4-4-12} hex digits), parsed to its 16 bytes without objects. */
    private static void uuidText(FieldVector vector, int row, CopyBuffer out) {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        int start = v.getStartOffset(row);
        int length = v.getEndOffset(row) - start;
        ArrowBuf data = v.getDataBuffer();
        out.int32(16);
        out.ensure(16);
        int nibbles = 0;
        int value = 0;
        for (int i = 0; i < length; i++) {
            int c = data.getByte(start + i);
            if (c == '-' && (nibbles == 8 || nibbles == 12 || nibbles == 16 || nibbles == 20)) {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || nibbles == 32) {
                throw new IllegalArgumentException("'" + v.getObject(row) + "' is not a UUID");
            }
            value = value << 4 | d;
            if (++nibbles % 2 == 0) {
                out.int8(value);
                value = 0;
            }
        }
        if (nibbles != 32) {
            throw new IllegalArgumentException("'" + v.getObject(row) + "' is not a UUID");
        }
    }

    /** A one-dimensional array of the list's elements (NULL elements allowed), lower bound 1. */
    private static CopyEncoder array(Field source, PgType target, String column) {
        ArrowType type = source.getType();
        if (!(type instanceof ArrowType.List || type instanceof ArrowType.LargeList || type instanceof ArrowType.FixedSizeList)) {
            return null;
        }
        Field child = source.getChildren().get(0);
        PgType element = target.element();
        CopyEncoder encodeElement = find(child, element, column + "[]");
        if (encodeElement == null) {
            return null;
        }
        int elementOid = element.oid();
        return (vector, row, out) -> {
            long start;
            long end;
            FieldVector values;
            if (vector instanceof ListVector list) {
                start = list.getElementStartIndex(row);
                end = list.getElementEndIndex(row);
                values = list.getDataVector();
            } else if (vector instanceof LargeListVector list) {
                start = list.getElementStartIndex(row);
                end = list.getElementEndIndex(row);
                values = list.getDataVector();
            } else {
                FixedSizeListVector list = (FixedSizeListVector) vector;
                start = (long) row * list.getListSize();
                end = start + list.getListSize();
                values = list.getDataVector();
            }
            int at = out.beginField();
            int count = Math.toIntExact(end - start);
            boolean nulls = false;
            for (long i = start; i < end; i++) {
                nulls |= values.isNull((int) i);
            }
            out.int32(count == 0 ? 0 : 1);
            out.int32(nulls ? 1 : 0);
            out.int32(elementOid);
            if (count > 0) {
                out.int32(count);
                out.int32(1);
            }
            for (long i = start; i < end; i++) {
                if (values.isNull((int) i)) {
                    out.int32(-1);
                } else {
                    encodeElement.write(values, (int) i, out);
                }
            }
            out.endField(at);
        };
    }
}
