package dev.hygge.jdbc.arrow;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.UInt1Vector;

/**
 * Unsigned bytes (0..255: SQL Server's {@code tinyint}, MySQL's {@code tinyint unsigned}). Arrow's
 * adapter reads every {@code TINYINT} as a signed byte, so 200 would arrive as -56.
 */
public final class UnsignedTinyIntConsumer extends BaseConsumer<UInt1Vector> {
    public UnsignedTinyIntConsumer(UInt1Vector vector, int column) {
        super(vector, column);
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        short value = resultSet.getShort(columnIndexInResultSet);
        if (!resultSet.wasNull()) {
            if (value < 0 || value > 255) {
                throw new SQLException("column '" + vector.getName() + "': " + value + " is not an unsigned byte (0..255)");
            }
            vector.setSafe(currentIndex, value);
        }
        currentIndex++;
    }
}
