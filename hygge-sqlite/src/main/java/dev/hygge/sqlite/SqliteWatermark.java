package dev.hygge.sqlite;

import dev.hygge.spi.Watermark;
import java.io.Serializable;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * A watermark bound as the column stores it, so SQLite compares like with like: integers as
 * INTEGER, decimals as their text (a NUMERIC column compares it as a number), dates and
 * timestamps as the Store's fixed-width text at the column's digits ({@link TemporalText}, where
 * text order is time order), strings as TEXT.
 *
 * @param unit the column's fractional-second unit, for timestamps
 */
record SqliteWatermark(Watermark watermark, TimeUnit unit) implements Serializable {
    private static final long serialVersionUID = 1L;

    void bind(PreparedStatement statement, int index) throws SQLException {
        Object value = watermark.value();
        switch (watermark.kind()) {
            case INTEGER -> {
                BigInteger integer = (BigInteger) value;
                if (integer.bitLength() < 64) {
                    statement.setLong(index, integer.longValueExact());
                } else {
                    statement.setString(index, integer.toString());
                }
            }
            case DECIMAL -> statement.setString(index, ((java.math.BigDecimal) value).toPlainString());
            case DATE -> statement.setString(index, value.toString());
            case TIMESTAMP -> {
                LocalDateTime wall = (LocalDateTime) value;
                Instant at = wall.toInstant(ZoneOffset.UTC);
                statement.setString(index, TemporalText.timestamp(units(at), unit, false));
            }
            case INSTANT -> statement.setString(index, TemporalText.timestamp(units((Instant) value), unit, true));
            case STRING -> statement.setString(index, (String) value);
        }
    }

    /** The instant in {@link #unit}s since the epoch (a watermark read at that unit loses nothing). */
    private long units(Instant at) {
        long perSecond = TemporalText.perSecond(unit);
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), perSecond), at.getNano() / (1_000_000_000L / perSecond));
    }

    @Override
    public String toString() {
        return watermark.kind() + " " + watermark.text();
    }
}
