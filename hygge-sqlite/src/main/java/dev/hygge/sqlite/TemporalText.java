package dev.hygge.sqlite;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * Dates, times and timestamps as SQLite keeps them here: ISO-8601 text that SQLite's own date
 * functions read ({@code 2024-03-01}, {@code 13:45:00.250}, {@code 2024-03-01 13:45:00.250000},
 * zoned ones in UTC with {@code +00:00}), with as many fractional digits as the Arrow unit has,
 * always all of them. Fixed width, so text order is time order and a watermark compares as text.
 *
 * <pre>{@code
 * TemporalText.timestamp(1_709_300_700_250_000L, TimeUnit.MICROSECOND, false);  // "2024-03-01 13:45:00.250000"
 * TemporalText.instant("2024-03-01T14:45:00+01:00");                              // 2024-03-01T13:45:00Z
 * }</pre>
 *
 * <p>Reading is lenient where other writers of SQLite differ: {@code T} or a space between date
 * and time, any number of fractional digits, a date alone (midnight), an offset or {@code Z}
 * (converted to UTC; a text without one is UTC for a zoned column).
 */
final class TemporalText {
    private TemporalText() {}

    /** Fractional digits of a unit: 0, 3, 6, 9. */
    static int digits(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
    }

    static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    /** {@code value} in {@code unit} since the epoch (a wall clock when not zoned, an instant when zoned). */
    static String timestamp(long value, TimeUnit unit, boolean zoned) {
        long perSecond = perSecond(unit);
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return time.toLocalDate() + " " + clock(time.toLocalTime(), unit) + (zoned ? "+00:00" : "");
    }

    /** A time of day given as nanoseconds since midnight. */
    static String time(long nanoOfDay, TimeUnit unit) {
        return clock(LocalTime.ofNanoOfDay(nanoOfDay), unit);
    }

    private static String clock(LocalTime time, TimeUnit unit) {
        // by hand, not String.format: this runs for every temporal value a load writes
        StringBuilder sb = new StringBuilder(18);
        two(sb, time.getHour()).append(':');
        two(sb, time.getMinute()).append(':');
        two(sb, time.getSecond());
        int digits = digits(unit);
        if (digits > 0) {
            String nanos = Integer.toString(time.getNano() + 1_000_000_000);
            sb.append('.').append(nanos, 1, 1 + digits);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static long perSecond(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }

    /** A timestamp text as UTC wall-clock time (an offset, when the text has one, applied). */
    static LocalDateTime wallClock(String text) {
        String t = iso(text);
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay();
        }
        return hasOffset(t) ? OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : LocalDateTime.parse(t);
    }

    /** A timestamp text as an instant: its offset, or UTC when it has none. */
    static Instant instant(String text) {
        String t = iso(text);
        return hasOffset(t) ? OffsetDateTime.parse(t).toInstant() : wallClock(t).toInstant(ZoneOffset.UTC);
    }

    /** A date text; a timestamp text's date part. */
    static LocalDate localDate(String text) {
        String t = text.strip();
        return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
    }

    static LocalTime localTime(String text) {
        return LocalTime.parse(text.strip());
    }

    /** {@code 2024-03-01 13:45} as ISO-8601 ({@code T} between date and time, an offset's {@code +0000} written {@code +00:00}). */
    private static String iso(String text) {
        String t = text.strip();
        if (t.length() > 10 && (t.charAt(10) == ' ')) {
            t = t.substring(0, 10) + "T" + t.substring(11).strip();
        }
        if (t.length() < 10) {
            throw new DateTimeParseException("not a date or timestamp", t, 0);
        }
        return t.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2").replaceFirst(" ?UTC$", "Z");
    }

    private static boolean hasOffset(String iso) {
        if (iso.endsWith("Z")) {
            return true;
        }
        int time = iso.indexOf('T');
        return time > 0 && (iso.indexOf('+', time) > 0 || iso.indexOf('-', time) > 0);
    }
}
