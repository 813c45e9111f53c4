package dev.hygge.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Integers ({@code getLong}) into a vector of {@code bits}: SQLite keeps 64-bit integers whatever
 * the declared name, so a value outside the width fails the read naming the column, never wraps.
 */
final class IntegerConsumer extends BaseConsumer<FieldVector> {
    private final BaseIntVector ints;
    private final long min;
    private final long max;

    IntegerConsumer(BaseIntVector vector, int column, int bits) {
        super((FieldVector) vector, column);
        this.ints = vector;
        this.min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        this.max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        long value = resultSet.getLong(columnIndexInResultSet);
        if (!resultSet.wasNull()) {
            if (value < min || value > max) {
                throw new SQLException("column '" + vector.getName() + "' holds " + value + ", which does not fit its declared"
                        + " type " + vector.getField().getType() + "; declare the column INTEGER or BIGINT, or read it"
                        + " with a query (CAST(" + vector.getName() + " AS INTEGER))");
            }
            ints.setWithPossibleTruncate(currentIndex, value);
        }
        currentIndex++;
    }
}
