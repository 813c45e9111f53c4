package dev.hygge.mssql;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import microsoft.sql.DateTimeOffset;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Bulk-copy values of temporal Arrow columns: dates as {@link LocalDate}, times as a
 * {@link Timestamp} on 1900-01-01, durations as their count, and every timestamp as a
 * {@link DateTimeOffset} at offset {@code +00:00}: the instant for a zoned one, the wall clock for
 * one without a zone, which SQL Server turns into a {@code datetime2} by dropping the offset. So no
 * value passes through the JVM's time zone.
 */
final class BulkTemporals {
    private static final LocalDate TIME_BASE_DATE = LocalDate.of(1900, 1, 1);

    private BulkTemporals() {}

    static BulkValue date(Field field, MssqlTypes.BulkColumn type, ArrowType.Date arrow) {
        return arrow.getUnit() == DateUnit.DAY
                ? new BulkValue(field, type) {
                    @Override
                    Object value(int index) {
                        return LocalDate.ofEpochDay(data.getInt((long) index * 4));
                    }
                }
                : new BulkValue(field, type) {
                    @Override
                    Object value(int index) {
                        return LocalDate.ofEpochDay(Math.floorDiv(data.getLong((long) index * 8), 86_400_000L));
                    }
                };
    }

    static BulkValue time(Field field, MssqlTypes.BulkColumn type, ArrowType.Time arrow) {
        TimeUnit unit = arrow.getUnit();
        return new BulkValue(field, type) {
            @Override
            Object value(int index) {
                long nanos = switch (unit) {
                    case SECOND -> data.getInt((long) index * 4) * 1_000_000_000L;
                    case MILLISECOND -> data.getInt((long) index * 4) * 1_000_000L;
                    case MICROSECOND -> data.getLong((long) index * 8) * 1_000L;
                    case NANOSECOND -> data.getLong((long) index * 8);
                };
                // The driver reads a time's fields in the JVM's zone; a January day has no DST gap.
                return Timestamp.valueOf(LocalDateTime.of(TIME_BASE_DATE, LocalTime.ofNanoOfDay(nanos)));
            }
        };
    }

    static BulkValue timestamp(Field field, MssqlTypes.BulkColumn type, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    return offset(data.getLong((long) index * 8) * 1000L, 0);
                }
            };
            case MILLISECOND -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    long v = data.getLong((long) index * 8);
                    return offset(v, (int) Math.floorMod(v, 1000L) * 1_000_000);
                }
            };
            case MICROSECOND -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    long v = data.getLong((long) index * 8);
                    return offset(Math.floorDiv(v, 1000L), (int) Math.floorMod(v, 1_000_000L) * 1000);
                }
            };
            case NANOSECOND -> new BulkValue(field, type) {
                @Override
                Object value(int index) {
                    long v = data.getLong((long) index * 8);
                    return offset(Math.floorDiv(v, 1_000_000L), (int) Math.floorMod(v, 1_000_000_000L));
                }
            };
        };
    }

    static BulkValue duration(Field field, MssqlTypes.BulkColumn type) {
        return new BulkValue(field, type) {
            @Override
            Object value(int index) {
                return data.getLong((long) index * 8);
            }
        };
    }

    private static DateTimeOffset offset(long epochMillis, int nanos) {
        Timestamp timestamp = new Timestamp(epochMillis);
        timestamp.setNanos(nanos);
        return DateTimeOffset.valueOf(timestamp, 0);
    }
}
