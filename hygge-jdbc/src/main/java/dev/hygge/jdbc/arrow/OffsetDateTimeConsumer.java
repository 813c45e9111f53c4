package dev.hygge.jdbc.arrow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Timestamps with an offset ({@code datetimeoffset}, {@code timestamp with time zone}) as the
 * instant in the vector's unit, read as {@link OffsetDateTime}: the instant is kept, the original
 * offset is not (the vector's zone is {@code UTC}). Arrow's adapter maps no zoned JDBC type at all.
 */
public final class OffsetDateTimeConsumer extends BaseConsumer<TimeStampVector> {
    private final TimeUnit unit;

    public OffsetDateTimeConsumer(TimeStampVector vector, int column) {
        super(vector, column);
        this.unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        OffsetDateTime value = resultSet.getObject(columnIndexInResultSet, OffsetDateTime.class);
        if (value != null) {
            try {
                vector.setSafe(currentIndex, TimeUnits.value(value.toEpochSecond(), value.getNano(), unit));
            } catch (ArithmeticException e) {
                throw outOfRange(vector, value.toString(), unit, e);
            }
        }
        currentIndex++;
    }

    /** A value past what a 64-bit count of {@code unit} holds (nanoseconds: years 1677 to 2262). */
    static SQLException outOfRange(TimeStampVector vector, String value, TimeUnit unit, ArithmeticException e) {
        return new SQLException("column '" + vector.getName() + "': " + value + " does not fit an Arrow timestamp in "
                + unit.name().toLowerCase(java.util.Locale.ROOT) + "s" + (unit == TimeUnit.NANOSECOND
                ? " (years 1677 to 2262); cast the column to 6 fractional digits (e.g. datetime2(6)) in the query" : ""), e);
    }
}
