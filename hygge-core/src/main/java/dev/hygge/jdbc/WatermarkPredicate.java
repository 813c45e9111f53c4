package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The SQL of an incremental read, shared by every SQL Home: the condition a {@link WatermarkFilter}
 * adds to a table read, a query and each split, with the watermark left to a bound parameter
 * (never spliced into the text, so no quoting, time zone or precision is lost on the way).
 *
 * <pre>{@code
 * Optional<String> where = WatermarkPredicate.condition(dialect.quote("updated_at"), filter, "?");
 * // "updated_at" > ?                       after set, NULLs left out
 * // ("updated_at" > ? OR "updated_at" IS NULL)   after set, includeNulls
 * // "updated_at" IS NOT NULL                the first run, NULLs left out
 * // empty                                  the first run with NULLs: every row passes
 * statement.setObject(1, WatermarkPredicate.value(filter.after().get()));
 * }</pre>
 *
 * @since 0.1
 */
public final class WatermarkPredicate {
    private WatermarkPredicate() {}

    /**
     * The condition on {@code column} (already quoted and qualified as the query needs it), with
     * {@code parameter} where the watermark goes: {@code "?"}, or a cast around it such as
     * {@code "CAST(? AS TIMESTAMP_NS)"} where a driver cannot bind the column's type at full
     * precision. Holds one parameter exactly when {@code filter.after()} is present; empty when
     * every row passes ({@link WatermarkFilter#passesAll()}).
     */
    public static Optional<String> condition(String column, WatermarkFilter filter, String parameter) {
        requireNonNull(column, "column is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(parameter, "parameter is null");
        if (filter.after().isEmpty()) {
            return filter.includeNulls() ? Optional.empty() : Optional.of(column + " IS NOT NULL");
        }
        String greater = column + " > " + parameter;
        return Optional.of(filter.includeNulls() ? "(" + greater + " OR " + column + " IS NULL)" : greater);
    }

    /** {@code condition} joined to an existing condition of a split ({@code null} for none) with AND. */
    public static String and(String existing, Optional<String> condition) {
        if (condition.isEmpty()) {
            return existing;
        }
        return existing == null || existing.isBlank() ? condition.get() : "(" + existing + ") AND " + condition.get();
    }

    /**
     * The watermark as the JDBC value of its kind, which drivers bind as the matching SQL type:
     * a {@code Long} (a {@link BigInteger} past 64 signed bits, such as an unsigned 64-bit value),
     * {@code BigDecimal} with its scale, {@code LocalDate}, {@code LocalDateTime} to the
     * nanosecond, an instant as an {@code OffsetDateTime} at UTC, and {@code String}. A plugin
     * whose driver needs its own classes (SQL Server's {@code DateTimeOffset}) converts from here.
     */
    public static Object value(Watermark watermark) {
        requireNonNull(watermark, "watermark is null");
        return switch (watermark.kind()) {
            case INTEGER -> {
                BigInteger integer = (BigInteger) watermark.value();
                yield integer.bitLength() < 64 ? (Object) integer.longValueExact() : integer;
            }
            case INSTANT -> ((Instant) watermark.value()).atOffset(ZoneOffset.UTC);
            case DECIMAL, DATE, TIMESTAMP, STRING -> watermark.value();
        };
    }
}
