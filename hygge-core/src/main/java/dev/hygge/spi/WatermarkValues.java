package dev.hygge.spi;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Reads a column's values as {@link Watermark}s at full precision: nanoseconds, decimal scale, unsigned 64-bit. */
public final class WatermarkValues {
    private WatermarkValues() {}

    /**
     * The value at {@code index} as a watermark, or null when it is null.
     *
     * @throws IllegalArgumentException for a column whose type cannot hold a watermark ({@link Watermark.Kind#of})
     */
    public static Watermark read(FieldVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        ArrowType type = vector.getField().getType();
        Watermark.Kind kind = Watermark.Kind.of(type).orElseThrow(() -> new IllegalArgumentException(
                "column '" + vector.getName() + "' of type " + type + " cannot be a watermark: give an integer, decimal,"
                        + " date, timestamp or text column"));
        return switch (kind) {
            case INTEGER -> Watermark.of(integer(vector, index));
            case DECIMAL -> Watermark.of(((DecimalVector) vector).getObject(index));
            case DATE -> Watermark.of(vector instanceof DateDayVector days
                    ? LocalDate.ofEpochDay(days.get(index))
                    : LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) vector).get(index), 86_400_000L)));
            case TIMESTAMP -> Watermark.of(LocalDateTime.ofInstant(instant((TimeStampVector) vector, index), ZoneOffset.UTC));
            case INSTANT -> Watermark.of(instant((TimeStampVector) vector, index));
            case STRING -> Watermark.of(vector instanceof VarCharVector chars ? new String(chars.get(index),
                    java.nio.charset.StandardCharsets.UTF_8)
                    : new String(((LargeVarCharVector) vector).get(index), java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    /** The greatest non-null value of the column's first {@code rows} rows, or null when all are null. */
    public static Watermark max(FieldVector vector, int rows) {
        Watermark max = null;
        for (int i = 0; i < rows; i++) {
            max = Watermark.max(max, read(vector, i));
        }
        return max;
    }

    private static BigInteger integer(FieldVector vector, int index) {
        if (vector instanceof UInt8Vector unsigned) {
            long bits = unsigned.get(index);
            BigInteger value = BigInteger.valueOf(bits & Long.MAX_VALUE);
            return bits < 0 ? value.setBit(63) : value;
        }
        ArrowType.Int type = (ArrowType.Int) vector.getField().getType();
        long value = ((BaseIntVector) vector).getValueAsLong(index);
        if (!type.getIsSigned() && type.getBitWidth() < 64) {
            value &= (1L << type.getBitWidth()) - 1; // an unsigned byte, short or int read as signed
        }
        return BigInteger.valueOf(value);
    }

    private static Instant instant(TimeStampVector vector, int index) {
        long value = vector.get(index);
        TimeUnit unit = switch (((ArrowType.Timestamp) vector.getField().getType()).getUnit()) {
            case SECOND -> TimeUnit.SECONDS;
            case MILLISECOND -> TimeUnit.MILLISECONDS;
            case MICROSECOND -> TimeUnit.MICROSECONDS;
            case NANOSECOND -> TimeUnit.NANOSECONDS;
        };
        long perSecond = unit.convert(1, TimeUnit.SECONDS);
        long seconds = Math.floorDiv(value, perSecond);
        long nanos = TimeUnit.NANOSECONDS.convert(Math.floorMod(value, perSecond), unit);
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
