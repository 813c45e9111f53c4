package dev.hygge.jdbc.arrow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;

/**
 * Times of day in the vector's unit (seconds to nanoseconds), read as {@link LocalTime}. Arrow's
 * own time consumer knows milliseconds only, so {@code time(7)} would lose its last four digits.
 */
public final class LocalTimeConsumer extends BaseConsumer<BaseFixedWidthVector> {
    public LocalTimeConsumer(BaseFixedWidthVector vector, int column) {
        super(vector, column);
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        LocalTime value = resultSet.getObject(columnIndexInResultSet, LocalTime.class);
        if (value != null) {
            long nanos = value.toNanoOfDay();
            if (vector instanceof TimeSecVector v) {
                v.setSafe(currentIndex, (int) (nanos / 1_000_000_000L));
            } else if (vector instanceof TimeMilliVector v) {
                v.setSafe(currentIndex, (int) (nanos / 1_000_000L));
            } else if (vector instanceof TimeMicroVector v) {
                v.setSafe(currentIndex, nanos / 1_000L);
            } else {
                ((TimeNanoVector) vector).setSafe(currentIndex, nanos);
            }
        }
        currentIndex++;
    }
}
