package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A watermark: the greatest value of an incremental load's {@code watermark_column} that has been
 * committed, at the column's full precision and type. Values are compared as their kind, never as
 * text (so {@code 9 < 10}, and two instants written with different offsets compare by the instant).
 *
 * <p>The kinds and their Java values:
 * <table>
 *   <tr><th>kind</th><th>value</th><th>Arrow types</th><th>text</th></tr>
 *   <tr><td>INTEGER</td><td>{@link BigInteger}</td><td>int(8..64, signed or not)</td><td>{@code 42}</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link BigDecimal}</td><td>decimal(p, s)</td><td>{@code 12.50} (scale kept)</td></tr>
 *   <tr><td>DATE</td><td>{@link LocalDate}</td><td>date(day | millisecond)</td><td>{@code 2026-12-01}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link LocalDateTime}</td><td>timestamp(unit), no zone</td><td>{@code 2026-12-01T10:15:30.123456789}</td></tr>
 *   <tr><td>INSTANT</td><td>{@link Instant}</td><td>timestamp(unit, zone): SQL Server {@code datetimeoffset}, {@code timestamptz}</td><td>{@code 2026-12-01T09:15:30.1234567Z}</td></tr>
 *   <tr><td>STRING</td><td>{@link String}</td><td>utf8, large utf8</td><td>as is</td></tr>
 * </table>
 *
 * <p>A watermark is {@link java.io.Serializable} (every kind's value is), so a Home's splits can
 * carry the bound they filter by and stay plain serialisable descriptions.
 *
 * <p>The text form is what journals keep ({@code watermark} with {@code watermark_type} = the
 * kind's name); {@link #parse} reads it back to an equal value.
 *
 * @since 0.1
 */
public record Watermark(Kind kind, Comparable<?> value) implements Comparable<Watermark>, java.io.Serializable {
    private static final long serialVersionUID = 1L;


    /** The kinds of column a watermark can be kept for. */
    public enum Kind {
        INTEGER, DECIMAL, DATE, TIMESTAMP, INSTANT, STRING;

        /** The kind of an Arrow column, or empty when its values cannot be a watermark (binary, boolean, lists, ...). */
        public static Optional<Kind> of(ArrowType type) {
            return Optional.ofNullable(switch (type.getTypeID()) {
                case Int -> INTEGER;
                case Decimal -> DECIMAL;
                case Date -> DATE;
                case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null ? TIMESTAMP : INSTANT;
                case Utf8, LargeUtf8 -> STRING;
                default -> null;
            });
        }
    }

    public Watermark {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
        Class<?> expected = switch (kind) {
            case INTEGER -> BigInteger.class;
            case DECIMAL -> BigDecimal.class;
            case DATE -> LocalDate.class;
            case TIMESTAMP -> LocalDateTime.class;
            case INSTANT -> Instant.class;
            case STRING -> String.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("A " + kind + " watermark holds a " + expected.getSimpleName()
                    + ", not a " + value.getClass().getSimpleName());
        }
    }

    public static Watermark of(long value) {
        return new Watermark(Kind.INTEGER, BigInteger.valueOf(value));
    }

    public static Watermark of(BigInteger value) {
        return new Watermark(Kind.INTEGER, value);
    }

    public static Watermark of(BigDecimal value) {
        return new Watermark(Kind.DECIMAL, value);
    }

    public static Watermark of(LocalDate value) {
        return new Watermark(Kind.DATE, value);
    }

    public static Watermark of(LocalDateTime value) {
        return new Watermark(Kind.TIMESTAMP, value);
    }

    public static Watermark of(Instant value) {
        return new Watermark(Kind.INSTANT, value);
    }

    public static Watermark of(String value) {
        return new Watermark(Kind.STRING, value);
    }

    /**
     * Reads a watermark back from its {@link #text()} form.
     *
     * @throws IllegalArgumentException naming the kind and the text when they do not agree
     */
    public static Watermark parse(Kind kind, String text) {
        requireNonNull(text, "text is null");
        try {
            return new Watermark(kind, switch (kind) {
                case INTEGER -> new BigInteger(text.strip());
                case DECIMAL -> new BigDecimal(text.strip());
                case DATE -> LocalDate.parse(text.strip());
                case TIMESTAMP -> LocalDateTime.parse(text.strip());
                case INSTANT -> java.time.OffsetDateTime.parse(text.strip()).toInstant();
                case STRING -> text;
            });
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " watermark: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code watermark_type} a journal records for this watermark, in the original hygge's words
     * where it has one: {@code int}, {@code datetime} (a timestamp; an instant's text ends in {@code Z}),
     * {@code string}; and {@code decimal}, {@code date} for the kinds it did not have.
     */
    public String journalType() {
        return switch (kind) {
            case INTEGER -> "int";
            case DECIMAL -> "decimal";
            case DATE -> "date";
            case TIMESTAMP, INSTANT -> "datetime";
            case STRING -> "string";
        };
    }

    /**
     * Reads a journal's watermark text as a watermark of the column's kind today, accepting what the
     * original hygge wrote: {@code 2024-01-01T09:00:00Z} or {@code 2024-01-01 09:00:00} for a
     * timestamp (an offset is converted to UTC wall-clock time for a column without a zone, and a
     * text without one is UTC for a column with a zone), {@code 42} or {@code 42.0} for an integer.
     *
     * @throws IllegalArgumentException naming the text and the kind when they cannot agree
     */
    public static Watermark fromJournal(Kind kind, String text) {
        requireNonNull(text, "text is null");
        String t = text.strip();
        try {
            return switch (kind) {
                case INTEGER -> new Watermark(kind, new BigDecimal(t).toBigIntegerExact());
                case DATE -> new Watermark(kind, LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t));
                case TIMESTAMP -> new Watermark(kind, hasOffset(t)
                        ? java.time.OffsetDateTime.parse(t.replace(' ', 'T')).withOffsetSameInstant(java.time.ZoneOffset.UTC)
                                .toLocalDateTime()
                        : LocalDateTime.parse(t.replace(' ', 'T')));
                case INSTANT -> new Watermark(kind, hasOffset(t) ? java.time.OffsetDateTime.parse(t.replace(' ', 'T')).toInstant()
                        : LocalDateTime.parse(t.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC));
                case DECIMAL, STRING -> parse(kind, text);
            };
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("the journal's watermark '" + text + "' cannot be read as a "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasOffset(String t) {
        if (t.endsWith("Z") || t.endsWith("z")) {
            return true;
        }
        int time = t.indexOf('T') >= 0 ? t.indexOf('T') : t.indexOf(' ');
        return time > 0 && (t.indexOf('+', time) > 0 || t.indexOf('-', time) > 0);
    }

    /** The exact text form: integers and decimals as written (scale kept), dates and times in ISO-8601 to the nanosecond. */
    public String text() {
        return switch (kind) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            default -> value.toString();
        };
    }

    /**
     * This watermark moved back by a lookback window, for re-reading late rows: a duration for
     * dates and times (a date moves back by whole days, rounded up), a count for integers.
     *
     * @throws IllegalArgumentException when the window does not apply to this kind (a count on a
     *     timestamp, a duration on an integer, anything on a decimal or a string)
     */
    public Watermark minus(Lookback lookback) {
        requireNonNull(lookback, "lookback is null");
        return switch (kind) {
            case INTEGER -> lookback.count().map(n -> new Watermark(kind, ((BigInteger) value).subtract(BigInteger.valueOf(n))))
                    .orElseThrow(() -> notFor(lookback));
            case DATE -> lookback.duration().map(d -> new Watermark(kind,
                    ((LocalDate) value).minusDays((d.toSeconds() + 86_399) / 86_400))).orElseThrow(() -> notFor(lookback));
            case TIMESTAMP -> lookback.duration().map(d -> new Watermark(kind, ((LocalDateTime) value).minus(d)))
                    .orElseThrow(() -> notFor(lookback));
            case INSTANT -> lookback.duration().map(d -> new Watermark(kind, ((Instant) value).minus(d)))
                    .orElseThrow(() -> notFor(lookback));
            case DECIMAL, STRING -> throw notFor(lookback);
        };
    }

    private IllegalArgumentException notFor(Lookback lookback) {
        return new IllegalArgumentException("lookback " + lookback + " does not apply to a "
                + kind.name().toLowerCase(java.util.Locale.ROOT) + " watermark: " + switch (kind) {
                    case INTEGER -> "give a count of values, such as 1000";
                    case DATE, TIMESTAMP, INSTANT -> "give a duration, such as 2h or 3d";
                    case DECIMAL, STRING -> "a lookback needs an integer, date or timestamp column";
                });
    }

    /**
     * Orders watermarks of one kind by value; strings by code point (the byte order of UTF-8), as DuckDB,
     * PostgreSQL's {@code C} collation and MySQL's binary collations compare them, not by Java's UTF-16 code
     * units, which put characters above U+FFFF before U+E000-U+FFFF. Under a source's linguistic collation (SQL
     * Server's, a PostgreSQL {@code en_US}) the greatest value hygge keeps is one the source holds, so at most
     * the source's own greater values are read again by the next run; none is skipped.
     *
     * @throws IllegalArgumentException for watermarks of two kinds (a column whose type changed)
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compareTo(Watermark other) {
        if (other.kind != kind) {
            throw new IllegalArgumentException("A " + kind + " watermark cannot be compared with a " + other.kind
                    + " one: the watermark column's type changed; run once with --full-drop to start again");
        }
        if (kind == Kind.STRING) {
            return compareCodePoints((String) value, (String) other.value);
        }
        return ((Comparable) value).compareTo(other.value);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The greater of two watermarks; either may be null. */
    public static Watermark max(Watermark a, Watermark b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    /** How far back an incremental run re-reads for late-arriving rows: a duration or a count of values. */
    public record Lookback(Optional<Duration> duration, Optional<Long> count) {
        public Lookback {
            requireNonNull(duration, "duration is null");
            requireNonNull(count, "count is null");
            if (duration.isPresent() == count.isPresent()) {
                throw new IllegalArgumentException("a lookback is a duration or a count, exactly one");
            }
            if (duration.map(Duration::isNegative).orElse(false) || count.map(n -> n < 0).orElse(false)) {
                throw new IllegalArgumentException("a lookback must not be negative");
            }
        }

        public static Lookback of(Duration duration) {
            return new Lookback(Optional.of(duration), Optional.empty());
        }

        public static Lookback of(long count) {
            return new Lookback(Optional.empty(), Optional.of(count));
        }

        @Override
        public String toString() {
            return duration.map(Duration::toString).orElseGet(() -> count.get() + " values");
        }
    }
}
