package dev.hygge.postgres;

import dev.hygge.schema.SqlFieldMetadata;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * PostgreSQL's binary forms into Arrow, one decoder per type:
 *
 * <table>
 *   <tr><th>PostgreSQL</th><th>Arrow</th></tr>
 *   <tr><td>{@code boolean}</td><td>bool</td></tr>
 *   <tr><td>{@code smallint}, {@code integer}, {@code bigint}</td><td>int16, int32, int64</td></tr>
 *   <tr><td>{@code real}, {@code double precision}</td><td>float32, float64</td></tr>
 *   <tr><td>{@code numeric(p,s)}, p ≤ 38</td><td>decimal128(p,s); unconstrained or wider: utf8 (exact text)</td></tr>
 *   <tr><td>{@code text}, {@code varchar(n)}, {@code char(n)}, {@code name}, {@code citext}, {@code xml}, enums</td>
 *       <td>utf8, {@code n} in the field metadata ({@link SqlFieldMetadata#LENGTH})</td></tr>
 *   <tr><td>{@code json}, {@code jsonb}</td><td>utf8, the type in the field metadata</td></tr>
 *   <tr><td>{@code bytea}</td><td>binary</td></tr>
 *   <tr><td>{@code uuid}</td><td>fixed_size_binary(16), {@code arrow.uuid}</td></tr>
 *   <tr><td>{@code date}</td><td>date32</td></tr>
 *   <tr><td>{@code time}, {@code timetz}</td><td>time64(µs); timetz at UTC</td></tr>
 *   <tr><td>{@code timestamp}, {@code timestamptz}</td><td>timestamp(µs), timestamptz with zone UTC</td></tr>
 *   <tr><td>{@code interval}</td><td>interval(month_day_nano)</td></tr>
 *   <tr><td>a one-dimensional array of any of these</td><td>list of it</td></tr>
 * </table>
 *
 * <p>Any other type is read as its text ({@link #of} says none, and the Home casts the column to
 * {@code text}). {@code infinity} dates and timestamps fail, naming the column: Arrow has no such value.
 */
final class CopyDecoders {
    private CopyDecoders() {}

    /** The decoder of {@code type}, or null when it is read as text. */
    static CopyDecoder of(PgType type, String column) {
        if (type.isArray()) {
            CopyDecoder element = of(type.element(), column + "[]");
            return element == null ? null : array(element, type, column);
        }
        if (type.kind() == 'e') {
            return text(Map.of(SqlFieldMetadata.TYPE, type.name()));
        }
        return switch (type.name()) {
            case "bool" -> fixed(ArrowType.Bool.INSTANCE, (b, off, len, v, row) -> {
                if (b[off] != 0) {
                    long at = v.getDataBufferAddress() + (row >>> 3);
                    MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
                }
                Vectors.setValid(v, row);
            });
            case "int2" -> fixed(new ArrowType.Int(16, true),
                    (b, off, len, v, row) -> put16(v, row, (short) CopyInput.int16(b, off)));
            case "int4" -> fixed(new ArrowType.Int(32, true),
                    (b, off, len, v, row) -> put32(v, row, CopyInput.int32(b, off)));
            case "int8" -> fixed(new ArrowType.Int(64, true),
                    (b, off, len, v, row) -> put64(v, row, CopyInput.int64(b, off)));
            case "oid" -> fixed(new ArrowType.Int(64, true),
                    (b, off, len, v, row) -> put64(v, row, CopyInput.int32(b, off) & 0xFFFFFFFFL));
            case "float4" -> fixed(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                    (b, off, len, v, row) -> put32(v, row, CopyInput.int32(b, off)));
            case "float8" -> fixed(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                    (b, off, len, v, row) -> put64(v, row, CopyInput.int64(b, off)));
            case "numeric" -> numeric(type, column);
            case "varchar", "bpchar" -> text(type.length() >= 0
                    ? Map.of(SqlFieldMetadata.LENGTH, Integer.toString(type.length()), SqlFieldMetadata.TYPE, type.name())
                    : Map.of(SqlFieldMetadata.TYPE, type.name(), SqlFieldMetadata.LENGTH, "max"));
            case "name", "char" -> text(Map.of(SqlFieldMetadata.TYPE, type.name()));
            case "text", "citext", "xml", "json" -> text(Map.of(SqlFieldMetadata.TYPE, type.name(), SqlFieldMetadata.LENGTH, "max"));
            case "jsonb" -> CopyDecoder.of(ArrowType.Utf8.INSTANCE, Map.of(SqlFieldMetadata.TYPE, "jsonb", SqlFieldMetadata.LENGTH, "max"),
                    (b, off, len, v, row) -> ((VarCharVector) v).setSafe(row, b, off + 1, len - 1));
            case "bytea" -> CopyDecoder.of(ArrowType.Binary.INSTANCE, Map.of(SqlFieldMetadata.TYPE, "bytea"),
                    (b, off, len, v, row) -> ((VarBinaryVector) v).setSafe(row, b, off, len));
            case "uuid" -> uuid();
            case "date" -> fixed(new ArrowType.Date(DateUnit.DAY), (b, off, len, v, row) -> {
                int days = CopyInput.int32(b, off);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw new IllegalArgumentException("column '" + column + "' holds an infinite date, which Arrow cannot hold");
                }
                put32(v, row, days + CopyTemporals.EPOCH_DAYS);
            });
            case "time" -> fixed(new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                    (b, off, len, v, row) -> put64(v, row, CopyInput.int64(b, off)));
            case "timetz" -> fixed(new ArrowType.Time(TimeUnit.MICROSECOND, 64), (b, off, len, v, row) -> {
                // the zone is seconds west of UTC
                long utc = CopyInput.int64(b, off) + CopyInput.int32(b, off + 8) * 1_000_000L;
                ((TimeMicroVector) v).setSafe(row, Math.floorMod(utc, 86_400_000_000L));
            });
            case "timestamp" -> timestamp(null, column);
            case "timestamptz" -> timestamp("UTC", column);
            case "interval" -> fixed(new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO), (b, off, len, v, row) ->
                    ((IntervalMonthDayNanoVector) v).setSafe(row, CopyInput.int32(b, off + 12), CopyInput.int32(b, off + 8),
                            Math.multiplyExact(CopyInput.int64(b, off), 1_000L)));
            default -> null;
        };
    }

    /*
     * Fixed-width values go straight into the vector's memory (the IEEE bits of floats as they
     * are), unchecked: the reader allocates a batch for as many rows as it reads, and an array
     * grows its elements' vector before reading them. Arrow's own setters check bounds and
     * reference counts on every call, which cost a fifth of the decoding.
     */
    private static void put16(FieldVector v, int row, short value) {
        MemoryUtil.putShort(v.getDataBufferAddress() + ((long) row << 1), value);
        Vectors.setValid(v, row);
    }

    private static void put32(FieldVector v, int row, int value) {
        MemoryUtil.putInt(v.getDataBufferAddress() + ((long) row << 2), value);
        Vectors.setValid(v, row);
    }

    private static void put64(FieldVector v, int row, long value) {
        MemoryUtil.putLong(v.getDataBufferAddress() + ((long) row << 3), value);
        Vectors.setValid(v, row);
    }

    private static CopyDecoder fixed(ArrowType type, CopyDecoder.Reader reader) {
        return CopyDecoder.of(type, Map.of(), reader);
    }

    private static CopyDecoder text(Map<String, String> metadata) {
        return CopyDecoder.of(ArrowType.Utf8.INSTANCE, metadata, (b, off, len, v, row) -> ((VarCharVector) v).setSafe(row, b, off, len));
    }

    private static CopyDecoder uuid() {
        // Arrow's UUID extension name: inference downstream makes uuid (here) or uniqueidentifier (SQL Server)
        Map<String, String> metadata = new HashMap<>(dev.hygge.jdbc.arrow.UuidConsumer.FIELD_METADATA);
        metadata.put(SqlFieldMetadata.TYPE, "uuid");
        return CopyDecoder.of(new ArrowType.FixedSizeBinary(16), Map.copyOf(metadata),
                (b, off, len, v, row) -> {
                    FixedSizeBinaryVector vector = (FixedSizeBinaryVector) v;
                    while (row >= vector.getValueCapacity()) {
                        vector.reAlloc();
                    }
                    vector.getDataBuffer().setBytes((long) row * 16, b, off, 16);
                    org.apache.arrow.vector.BitVectorHelper.setBit(vector.getValidityBuffer(), row);
                });
    }

    private static CopyDecoder numeric(PgType type, String column) {
        int precision = type.precision();
        int scale = type.scale();
        if (precision < 1 || precision > 38) {
            // exact as text: Arrow's decimals need one scale for the column and hold 38 digits at most
            return CopyDecoder.of(ArrowType.Utf8.INSTANCE, Map.of(SqlFieldMetadata.TYPE, "numeric"), (b, off, len, v, row) ->
                    ((VarCharVector) v).setSafe(row, PgNumeric.text(b, off).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        Map<String, String> metadata = Map.of(SqlFieldMetadata.PRECISION, Integer.toString(precision),
                SqlFieldMetadata.SCALE, Integer.toString(scale), SqlFieldMetadata.TYPE, "numeric");
        return CopyDecoder.of(new ArrowType.Decimal(precision, scale, 128), metadata, (b, off, len, v, row) -> {
            try {
                PgNumeric.read(b, off, (DecimalVector) v, row);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("column '" + column + "': " + e.getMessage(), e);
            }
        });
    }

    private static CopyDecoder timestamp(String zone, String column) {
        return fixed(new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone), (b, off, len, v, row) -> {
            long micros = CopyInput.int64(b, off);
            if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                throw new IllegalArgumentException("column '" + column + "' holds an infinite timestamp, which Arrow cannot hold");
            }
            put64(v, row, micros + CopyTemporals.EPOCH_MICROS);
        });
    }

    /** A one-dimensional array into a list; NULL elements stay NULL, a multi-dimensional array fails. */
    private static CopyDecoder array(CopyDecoder element, PgType type, String column) {
        return new CopyDecoder() {
            @Override
            public FieldType type(boolean nullable) {
                return new FieldType(nullable, ArrowType.List.INSTANCE, null, Map.of(SqlFieldMetadata.TYPE, type.sql()));
            }

            @Override
            public CopyDecoder element() {
                return element;
            }

            @Override
            public void read(byte[] b, int off, int length, FieldVector vector, int row) {
                ListVector list = (ListVector) vector;
                int dimensions = CopyInput.int32(b, off);
                if (dimensions > 1) {
                    throw new IllegalArgumentException("column '" + column + "' holds a " + dimensions
                            + "-dimensional array; only one-dimensional arrays become lists (cast it to text in a query)");
                }
                int count = dimensions == 0 ? 0 : CopyInput.int32(b, off + 12);
                int at = off + 12 + (dimensions == 0 ? 0 : 8);
                FieldVector values = list.getDataVector();
                int start = list.startNewValue(row);
                Vectors.ensureCapacity(values, start + count);
                for (int i = 0; i < count; i++) {
                    int size = CopyInput.int32(b, at);
                    at += 4;
                    if (size < 0) {
                        Vectors.setNull(values, start + i);
                    } else {
                        element.read(b, at, size, values, start + i);
                        at += size;
                    }
                }
                list.endValue(row, count);
            }
        };
    }
}
