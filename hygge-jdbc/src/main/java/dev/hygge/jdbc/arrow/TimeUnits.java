package dev.hygge.jdbc.arrow;

import org.apache.arrow.vector.types.TimeUnit;

/**
 * Fractional-second digits (a temporal column's JDBC scale) to the Arrow unit that holds them, and
 * an instant's seconds and nanoseconds to a value in a unit.
 */
public final class TimeUnits {
    private TimeUnits() {}

    /**
     * The coarsest unit that keeps {@code scale} fractional digits exactly: 0 seconds, 1–3
     * milliseconds, 4–6 microseconds, 7–9 nanoseconds (SQL Server's 100 ns included). A scale the
     * driver does not know (below 0, above 9) keeps nanoseconds, so nothing is cut.
     */
    public static TimeUnit ofScale(int scale) {
        if (scale < 0 || scale > 9) {
            return TimeUnit.NANOSECOND;
        }
        return scale == 0 ? TimeUnit.SECOND : scale <= 3 ? TimeUnit.MILLISECOND : scale <= 6 ? TimeUnit.MICROSECOND
                : TimeUnit.NANOSECOND;
    }

    /** {@code seconds} and {@code nanos} (0..999,999,999) as a count of {@code unit}; finer digits are dropped. */
    public static long value(long seconds, int nanos, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> seconds;
            case MILLISECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000L), nanos / 1_000_000);
            case MICROSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000);
            case NANOSECOND -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        };
    }
}
