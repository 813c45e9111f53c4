package dev.hygge.postgres;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Dates, times, timestamps and intervals into PostgreSQL's binary forms: {@code date} is an int32
 * of days and {@code timestamp}/{@code timestamptz} an int64 of microseconds, both since
 * 2000-01-01 (UTC for {@code timestamptz}; a timestamp without zone is taken as UTC there, and a
 * zoned one's UTC wall clock goes into {@code timestamp}); {@code time} is int64 microseconds of
 * the day ({@code timetz} adds its zone, 0 here); {@code interval} is int64 microseconds, int32
 * days, int32 months. A value finer than a microsecond fails rather than lose its nanoseconds.
 */
final class CopyTemporals {
    /** 1970-01-01 to 2000-01-01. */
    static final int EPOCH_DAYS = 10_957;
    static final long EPOCH_MICROS = EPOCH_DAYS * 86_400_000_000L;

    private CopyTemporals() {}

    static CopyEncoder of(ArrowType type, String target, String column) {
        return switch (target) {
            case "date" -> type instanceof ArrowType.Date d ? date(d) : null;
            case "timestamp", "timestamptz" -> type instanceof ArrowType.Timestamp t ? timestamp(t.getUnit(), column)
                    : type instanceof ArrowType.Date d ? midnight(d) : null;
            case "time" -> type instanceof ArrowType.Time t ? time(t.getUnit(), column, false) : null;
            case "timetz" -> type instanceof ArrowType.Time t ? time(t.getUnit(), column, true) : null;
            case "interval" -> interval(type, column);
            default -> null;
        };
    }

    private static CopyEncoder date(ArrowType.Date type) {
        if (type.getUnit() == DateUnit.DAY) {
            return (v, row, out) -> out.int32Field(MemoryUtil.getInt(v.getDataBufferAddress() + ((long) row << 2)) - EPOCH_DAYS);
        }
        return (v, row, out) -> {
            out.int32(4);
            out.int32(days(v, row) - EPOCH_DAYS);
        };
    }

    private static int days(FieldVector v, int row) {
        return v instanceof DateDayVector d ? d.get(row) : Math.toIntExact(Math.floorDiv(((DateMilliVector) v).get(row), 86_400_000L));
    }

    private static CopyEncoder midnight(ArrowType.Date type) {
        return (v, row, out) -> {
            out.int32(8);
            out.int64((days(v, row) - (long) EPOCH_DAYS) * 86_400_000_000L);
        };
    }

    private static CopyEncoder timestamp(TimeUnit unit, String column) {
        if (unit == TimeUnit.MICROSECOND) {
            return (v, row, out) -> out.int64Field(MemoryUtil.getLong(v.getDataBufferAddress() + ((long) row << 3)) - EPOCH_MICROS);
        }
        return (v, row, out) -> {
            out.int32(8);
            out.int64(micros(((TimeStampVector) v).get(row), unit, column) - EPOCH_MICROS);
        };
    }

    /** {@code value} in {@code unit} as microseconds; a nanosecond rest fails, naming the column. */
    static long micros(long value, TimeUnit unit, String column) {
        return switch (unit) {
            case SECOND -> Math.multiplyExact(value, 1_000_000L);
            case MILLISECOND -> Math.multiplyExact(value, 1_000L);
            case MICROSECOND -> value;
            case NANOSECOND -> {
                if (value % 1_000 != 0) {
                    throw new IllegalArgumentException("column '" + column + "': a value has nanoseconds (" + value
                            + " ns), which PostgreSQL cannot hold (it keeps microseconds); truncate them in the source");
                }
                yield value / 1_000;
            }
        };
    }

    private static CopyEncoder time(TimeUnit unit, String column, boolean zoned) {
        return (v, row, out) -> {
            long value = switch (unit) {
                case SECOND -> ((TimeSecVector) v).get(row);
                case MILLISECOND -> ((TimeMilliVector) v).get(row);
                case MICROSECOND -> ((TimeMicroVector) v).get(row);
                case NANOSECOND -> ((TimeNanoVector) v).get(row);
            };
            out.int32(zoned ? 12 : 8);
            out.int64(micros(value, unit, column));
            if (zoned) {
                out.int32(0);
            }
        };
    }

    private static CopyEncoder interval(ArrowType type, String column) {
        if (type instanceof ArrowType.Interval interval) {
            return switch (interval.getUnit()) {
                case MONTH_DAY_NANO -> (v, row, out) -> {
                    IntervalMonthDayNanoVector vector = (IntervalMonthDayNanoVector) v;
                    long at = (long) row * IntervalMonthDayNanoVector.TYPE_WIDTH;
                    int months = vector.getDataBuffer().getInt(at);
                    int days = vector.getDataBuffer().getInt(at + 4);
                    long nanos = vector.getDataBuffer().getLong(at + 8);
                    write(out, micros(nanos, TimeUnit.NANOSECOND, column), days, months);
                };
                case DAY_TIME -> (v, row, out) -> {
                    IntervalDayVector vector = (IntervalDayVector) v;
                    long at = (long) row * IntervalDayVector.TYPE_WIDTH;
                    write(out, vector.getDataBuffer().getInt(at + 4) * 1_000L, vector.getDataBuffer().getInt(at), 0);
                };
                case YEAR_MONTH -> (v, row, out) -> write(out, 0, 0, ((IntervalYearVector) v).get(row));
            };
        }
        if (type instanceof ArrowType.Duration duration) {
            TimeUnit unit = duration.getUnit();
            return (v, row, out) -> write(out, micros(DurationVector.get(((DurationVector) v).getDataBuffer(), row), unit,
                    column), 0, 0);
        }
        return null;
    }

    private static void write(CopyBuffer out, long micros, int days, int months) {
        out.int32(16);
        out.int64(micros);
        out.int32(days);
        out.int32(months);
    }
}
