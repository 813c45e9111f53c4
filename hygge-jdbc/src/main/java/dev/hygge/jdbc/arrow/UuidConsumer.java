package dev.hygge.jdbc.arrow;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.FixedSizeBinaryVector;

/**
 * UUIDs as 16 bytes in RFC 4122 order, read as their canonical text ({@code getString}; SQL Server's
 * {@code uniqueidentifier} and PostgreSQL's {@code uuid} both give it). Arrow's adapter would read
 * them as 36-character strings.
 */
public final class UuidConsumer extends BaseConsumer<FixedSizeBinaryVector> {
    /** Arrow's canonical extension name for UUIDs ({@code FixedSizeBinary(16)}). */
    public static final String EXTENSION = "arrow.uuid";
    /** The field metadata that marks a {@code FixedSizeBinary(16)} field as UUIDs. */
    public static final Map<String, String> FIELD_METADATA = Map.of("ARROW:extension:name", EXTENSION,
            "ARROW:extension:metadata", "");

    public UuidConsumer(FixedSizeBinaryVector vector, int column) {
        super(vector, column);
    }

    @Override
    public void consume(ResultSet resultSet) throws SQLException {
        String value = resultSet.getString(columnIndexInResultSet);
        if (value != null) {
            UUID uuid;
            try {
                uuid = UUID.fromString(value.trim());
            } catch (IllegalArgumentException e) {
                throw new SQLException("column '" + vector.getName() + "': '" + value + "' is not a UUID", e);
            }
            vector.setSafe(currentIndex, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array());
        }
        currentIndex++;
    }
}
