package dev.hygge.polish;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;

/**
 * How a hash id reads a value: the text the original hygge hashed, which was Polars' cast of the
 * value to a string, written straight into the row's {@link TextBuffer} (no String per row for
 * numbers, text, dates and timestamps):
 * <ul>
 *   <li>integers {@code 42}, {@code -7}; booleans {@code true}/{@code false};</li>
 *   <li>decimals with their scale's digits: {@code 12.30} for 12.3 as {@code DECIMAL(10,2)};</li>
 *   <li>floats as Java's shortest text ({@code 1.5}, {@code 1.0E20}; the original's Polars wrote very
 *       large and very small floats differently);</li>
 *   <li>text and binary: their bytes as they are;</li>
 *   <li>dates {@code 2024-01-31}; times {@code 12:00:05} (fraction only when not zero, 3, 6 or 9
 *       digits); timestamps {@code 2024-01-31 12:00:05.000000}, the fraction's digits by the unit
 *       (ms 3, us 6, ns 9, s none), a zone-aware one in its zone with the offset ({@code +00:00}).</li>
 * </ul>
 */
abstract class ValueText {
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    protected final FieldVector vector;

    ValueText(FieldVector vector) {
        this.vector = vector;
    }

    boolean isNull(int row) {
        return vector.isNull(row);
    }

    abstract void write(int row, TextBuffer out);

    /** Whether a hash id can read a column of this field's type. */
    static boolean hashable(Field field) {
        if (field.getDictionary() != null) {
            return false;
        }
        return switch (field.getType().getTypeID()) {
            case Int, FloatingPoint, Decimal, Utf8, LargeUtf8, Utf8View, Binary, LargeBinary, BinaryView, FixedSizeBinary,
                    Bool, Date, Time, Timestamp -> true;
            default -> false;
        };
    }

    /** The reader of {@code vector}'s values (a type {@link #hashable} accepts). */
    static ValueText of(FieldVector vector) {
        if (vector instanceof UInt1Vector v) {
            return lambda(v, (row, out) -> out.decimal(Byte.toUnsignedInt(v.get(row))));
        }
        if (vector instanceof UInt2Vector v) {
            return lambda(v, (row, out) -> out.decimal(v.get(row)));
        }
        if (vector instanceof UInt4Vector v) {
            return lambda(v, (row, out) -> out.decimal(Integer.toUnsignedLong(v.get(row))));
        }
        if (vector instanceof UInt8Vector v) {
            return lambda(v, (row, out) -> out.ascii(Long.toUnsignedString(v.get(row))));
        }
        if (vector instanceof BaseIntVector v) {
            return lambda(vector, (row, out) -> out.decimal(v.getValueAsLong(row)));
        }
        if (vector instanceof Float8Vector v) {
            return lambda(v, (row, out) -> out.ascii(Double.toString(v.get(row))));
        }
        if (vector instanceof Float4Vector v) {
            return lambda(v, (row, out) -> out.ascii(Float.toString(v.get(row))));
        }
        if (vector instanceof Float2Vector v) {
            return lambda(v, (row, out) -> out.ascii(Float.toString(v.getValueAsFloat(row))));
        }
        if (vector instanceof DecimalVector v) {
            return new DecimalText(v);
        }
        if (vector instanceof BitVector v) {
            return lambda(v, (row, out) -> out.ascii(v.get(row) == 1 ? "true" : "false"));
        }
        if (vector instanceof DateDayVector v) {
            return lambda(v, (row, out) -> date(v.get(row), out));
        }
        if (vector instanceof DateMilliVector v) {
            return lambda(v, (row, out) -> date(Math.floorDiv(v.get(row), 86_400_000L), out));
        }
        if (vector instanceof TimeStampVector v) {
            return timestamp(v, (ArrowType.Timestamp) v.getField().getType());
        }
        if (vector instanceof TimeSecVector v) {
            return lambda(v, (row, out) -> time(v.get(row) * 1_000_000_000L, 0, out));
        }
        if (vector instanceof TimeMilliVector v) {
            return lambda(v, (row, out) -> time(v.get(row) * 1_000_000L, 3, out));
        }
        if (vector instanceof TimeMicroVector v) {
            return lambda(v, (row, out) -> time(v.get(row) * 1_000L, 6, out));
        }
        if (vector instanceof TimeNanoVector v) {
            return lambda(v, (row, out) -> time(v.get(row), 9, out));
        }
        if (vector instanceof BaseVariableWidthVector v) {
            return new VariableWidthText(v);
        }
        return lambda(vector, (row, out) -> {            // large, view and fixed-size text and binary
            Object value = vector.getObject(row);
            if (value instanceof Text text) {
                out.add(text.getBytes(), 0, (int) text.getLength());
            } else if (value instanceof byte[] bytes) {
                out.add(bytes, 0, bytes.length);
            } else {
                out.utf8(String.valueOf(value));
            }
        });
    }

    private interface Writer {
        void write(int row, TextBuffer out);
    }

    private static ValueText lambda(FieldVector vector, Writer writer) {
        return new ValueText(vector) {
            @Override
            void write(int row, TextBuffer out) {
                writer.write(row, out);
            }
        };
    }

    /** Text and binary: the bytes copied from the vector's buffer. */
    private static final class VariableWidthText extends ValueText {
        private final BaseVariableWidthVector text;

        VariableWidthText(BaseVariableWidthVector vector) {
            super(vector);
            this.text = vector;
        }

        @Override
        void write(int row, TextBuffer out) {
            int start = text.getStartOffset(row);
            int length = text.getValueLength(row);
            int at = out.reserve(length);
            text.getDataBuffer().getBytes(start, out.bytes(), at, length);
        }
    }

    /** Decimals up to 18 digits from the buffer's two longs; wider ones through BigDecimal. */
    private static final class DecimalText extends ValueText {
        private final DecimalVector decimals;
        private final int scale;

        DecimalText(DecimalVector vector) {
            super(vector);
            this.decimals = vector;
            this.scale = vector.getScale();
        }

        @Override
        void write(int row, TextBuffer out) {
            ArrowBuf data = decimals.getDataBuffer();
            long low = data.getLong((long) row * DecimalVector.TYPE_WIDTH);
            long high = data.getLong((long) row * DecimalVector.TYPE_WIDTH + 8);
            if (high != (low >> 63) || low == Long.MIN_VALUE || scale > 18) {
                out.ascii(decimals.getObject(row).toPlainString());
                return;
            }
            if (scale == 0) {
                out.decimal(low);
                return;
            }
            if (low < 0) {
                out.add((byte) '-');
                low = -low;
            }
            long unit = BigDecimal.TEN.pow(scale).longValueExact();
            out.decimal(low / unit);
            out.add((byte) '.');
            out.padded(low % unit, scale);
        }
    }

    private static ValueText timestamp(TimeStampVector v, ArrowType.Timestamp type) {
        long perSecond = switch (type.getUnit()) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
        int digits = switch (type.getUnit()) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        String zone = type.getTimezone();
        boolean utc = zone != null && (zone.equals("UTC") || zone.equals("Z") || zone.equals("+00:00") || zone.equals("Etc/UTC"));
        if (zone == null || utc) {
            return lambda(v, (row, out) -> {
                dateTime(v.get(row), perSecond, digits, out);
                if (utc) {
                    out.ascii("+00:00");
                }
            });
        }
        ZoneId id = ZoneId.of(zone);
        return lambda(v, (row, out) -> {
            long value = v.get(row);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
            ZonedDateTime local = at.atZone(id);
            long wall = local.toLocalDateTime().toEpochSecond(java.time.ZoneOffset.UTC) * perSecond + Math.floorMod(value, perSecond);
            dateTime(wall, perSecond, digits, out);
            out.ascii(OFFSET.format(local));
        });
    }

    private static void dateTime(long value, long perSecond, int digits, TextBuffer out) {
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        long days = Math.floorDiv(seconds, 86_400L);
        long ofDay = Math.floorMod(seconds, 86_400L);
        date(days, out);
        out.add((byte) ' ');
        clock(ofDay, out);
        if (digits > 0) {
            out.add((byte) '.');
            out.padded(fraction, digits);
        }
    }

    /** {@code HH:MM:SS}, then the fraction in 3, 6 or 9 digits (the fewest that hold it) when it is not zero. */
    private static void time(long nanos, int maxDigits, TextBuffer out) {
        clock(nanos / 1_000_000_000L, out);
        long fraction = nanos % 1_000_000_000L;
        if (fraction != 0) {
            out.add((byte) '.');
            if (fraction % 1_000_000L == 0) {
                out.padded(fraction / 1_000_000L, 3);
            } else if (fraction % 1_000L == 0) {
                out.padded(fraction / 1_000L, 6);
            } else {
                out.padded(fraction, 9);
            }
        }
    }

    private static void clock(long secondsOfDay, TextBuffer out) {
        out.padded(secondsOfDay / 3600, 2);
        out.add((byte) ':');
        out.padded(secondsOfDay / 60 % 60, 2);
        out.add((byte) ':');
        out.padded(secondsOfDay % 60, 2);
    }

    /** {@code YYYY-MM-DD} of days since 1970-01-01 (proleptic Gregorian, as civil-from-days computes it). */
    static void date(long epochDay, TextBuffer out) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        if (y < 0) {
            out.add((byte) '-');
            y = -y;
        }
        if (y > 9999) {
            out.decimal(y);
        } else {
            out.padded(y, 4);
        }
        out.add((byte) '-');
        out.padded(m, 2);
        out.add((byte) '-');
        out.padded(d, 2);
    }
}
