package dev.hygge.mysql;

import dev.hygge.jdbc.WatermarkPredicate;
import dev.hygge.jdbc.home.BoundValue;
import dev.hygge.spi.Watermark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A watermark bound as a typed parameter ({@link WatermarkPredicate#value}), so the comparison is
 * the column's own: {@code Long} (a {@code BigDecimal} past 63 bits, for {@code BIGINT UNSIGNED}),
 * {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime} for {@code DATETIME(n)}, and for a
 * {@code TIMESTAMP(n)} column the instant as its UTC wall clock (the session's zone is +00:00), and
 * {@code String}. Serializable, so a split carries it.
 *
 * <pre>{@code
 * MysqlWatermark.of(watermark).bind(statement, 1);
 * }</pre>
 *
 * @param watermark the value
 */
public record MysqlWatermark(Watermark watermark) implements BoundValue {
    private static final long serialVersionUID = 1L;

    static MysqlWatermark of(Watermark watermark) {
        return new MysqlWatermark(watermark);
    }

    /** Binds the watermark to parameter {@code index} of {@code statement}. */
    @Override
    public void bind(PreparedStatement statement, int index) throws SQLException {
        Object value = WatermarkPredicate.value(watermark);
        switch (watermark.kind()) {
            case INTEGER -> {
                if (value instanceof BigInteger big) {
                    statement.setBigDecimal(index, new BigDecimal(big));
                } else {
                    statement.setLong(index, (Long) value);
                }
            }
            case INSTANT -> statement.setObject(index,
                    LocalDateTime.ofInstant((Instant) watermark.value(), ZoneOffset.UTC), Types.TIMESTAMP);
            case TIMESTAMP -> statement.setObject(index, value, Types.TIMESTAMP);
            case DATE -> statement.setObject(index, value, Types.DATE);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case STRING -> statement.setString(index, (String) value);
        }
    }

    @Override
    public String toString() {
        return watermark.kind() + " " + watermark.text();
    }
}
