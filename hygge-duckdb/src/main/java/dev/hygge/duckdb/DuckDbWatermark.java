package dev.hygge.duckdb;

import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * An incremental read's condition in DuckDB's SQL, the watermark bound as a parameter DuckDB's
 * driver holds at the column's precision: {@code Long} or {@code BigInteger} (UBIGINT past the
 * signed range), {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime} (microseconds),
 * {@code OffsetDateTime} for TIMESTAMPTZ, {@code String}. A {@code TIMESTAMP_NS} column is the
 * exception: the driver (1.4.4) cuts a bound {@code LocalDateTime} to microseconds (measured:
 * {@code ns > ?} bound to a row's own value still found the row), so its watermark is bound as
 * text and cast by DuckDB, {@code CAST(? AS TIMESTAMP_NS)}, which keeps every nanosecond.
 *
 * <pre>{@code
 * DuckDbWatermark where = DuckDbWatermark.of(field, filter, "q.\"updated_at\"");
 * String sql = "SELECT * FROM (" + query + ") q" + where.clause();   // " WHERE q.\"updated_at\" > ?"
 * }</pre>
 *
 * @param condition the condition, or empty when every row passes
 * @param parameters the values of its parameters, in order
 */
record DuckDbWatermark(Optional<String> condition, List<Object> parameters) {
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");

    /**
     * The condition on {@code column} (as the query spells it) of type {@code field}.
     *
     * @throws HomeException when the column cannot be a watermark or the watermark is of another kind
     */
    static DuckDbWatermark of(Field field, WatermarkFilter filter, String column, String where) {
        Watermark.Kind kind = Watermark.Kind.of(field.getType()).orElseThrow(() -> new HomeException(where
                + ": the watermark column '" + field.getName() + "' is " + field.getType()
                + ", which cannot be compared as a watermark; choose an integer, decimal, date, timestamp or text column"));
        Optional<Watermark> after = filter.after();
        if (after.isPresent() && after.get().kind() != kind) {
            throw new HomeException(where + ": the watermark column '" + field.getName() + "' holds " + kind
                    + " values now, but the committed watermark " + after.get().text() + " is a " + after.get().kind()
                    + "; the column's type changed: run once with --full-drop to start again");
        }
        boolean nanos = field.getType() instanceof ArrowType.Timestamp ts && ts.getUnit() == TimeUnit.NANOSECOND
                && ts.getTimezone() == null;
        Optional<String> condition = WatermarkPredicate.condition(column, filter, nanos ? "CAST(? AS TIMESTAMP_NS)" : "?");
        List<Object> parameters = after.<List<Object>>map(w -> List.of(nanos
                ? ((LocalDateTime) w.value()).format(NANOS) : WatermarkPredicate.value(w))).orElse(List.of());
        return new DuckDbWatermark(condition, parameters);
    }

    /** {@code " WHERE <condition>"}, or nothing when every row passes. */
    String clause() {
        return condition.map(c -> " WHERE " + c).orElse("");
    }
}
