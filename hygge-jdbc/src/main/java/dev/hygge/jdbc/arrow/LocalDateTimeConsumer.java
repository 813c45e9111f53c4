package dev.hygge.jdbc.arrow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Timestamps without a zone ({@code datetime2}, {@code timestamp}) as their wall-clock value in the
 * vector's unit, read as {@link LocalDateTime}: the value passes unchanged whatever the JVM's zone.
 * Arrow's own timestamp consumer reads milliseconds only, through a {@code Calendar} (so a zone), and
 * would cut {@code datetime2(7)}'s 100 ns digits.
 */
public final class LocalDateTimeConsumer extends BaseConsumer<TimeStampVector> {
    private final TimeUnit unit;

    public LocalDateTimeConsumer(TimeStampVector vector, int column) {
        super(vector, column);
        this.unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        LocalDateTime value = resultSet.getObject(columnIndexInResultSet, LocalDateTime.class);
        if (value != null) {
            try {
                vector.setSafe(currentIndex, TimeUnits.value(value.toEpochSecond(ZoneOffset.UTC), value.getNano(), unit));
            } catch (ArithmeticException e) {
                throw OffsetDateTimeConsumer.outOfRange(vector, value.toString(), unit, e);
            }
        }
        currentIndex++;
    }
}
