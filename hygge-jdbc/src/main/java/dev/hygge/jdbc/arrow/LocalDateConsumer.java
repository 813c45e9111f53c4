package dev.hygge.jdbc.arrow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.DateDayVector;

/**
 * Dates as days since 1970-01-01, read as {@link LocalDate}: the date as stored. Arrow's own date
 * consumer reads a {@code java.sql.Date} through a {@code Calendar}, so the day depends on how each
 * driver applies that calendar (its zone, and its Julian switch for days before 1582).
 */
public final class LocalDateConsumer extends BaseConsumer<DateDayVector> {
    public LocalDateConsumer(DateDayVector vector, int column) {
        super(vector, column);
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        LocalDate value = resultSet.getObject(columnIndexInResultSet, LocalDate.class);
        if (value != null) {
            vector.setSafe(currentIndex, Math.toIntExact(value.toEpochDay()));
        }
        currentIndex++;
    }
}
