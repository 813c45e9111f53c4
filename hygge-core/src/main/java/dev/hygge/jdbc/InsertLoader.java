package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;

/**
 * A {@link BulkLoader} for any JDBC database: batched {@code INSERT … VALUES (?, …)} statements,
 * Arrow values turned into JDBC objects ({@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime} in UTC for zoned timestamps, {@code BigDecimal}, {@code byte[]}). Slower
 * than a database's own bulk path; meant for databases without one, and for tests.
 *
 * <pre>{@code
 * TableWriter writer = TableWriter.builder(StandardDialect.postgres()).loader(new InsertLoader(dialect, 1_000))...;
 * }</pre>
 */
public final class InsertLoader implements BulkLoader {
    private final SqlDialect dialect;
    private final int batchRows;

    /** @param batchRows rows per {@code executeBatch} */
    public InsertLoader(SqlDialect dialect, int batchRows) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
        }
        this.batchRows = batchRows;
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        String sql = "INSERT INTO " + dialect.qualify(table) + " (" + dialect.columnList(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            while (batches.loadNextBatch()) {
                VectorSchemaRoot root = batches.getVectorSchemaRoot();
                List<FieldVector> vectors = root.getFieldVectors();
                for (int r = 0; r < root.getRowCount(); r++) {
                    for (int c = 0; c < vectors.size(); c++) {
                        insert.setObject(c + 1, value(vectors.get(c), r));
                    }
                    insert.addBatch();
                    if (++pending == batchRows) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                rows += root.getRowCount();
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The JDBC value of row {@code r} of {@code vector}. */
    static Object value(FieldVector vector, int r) {
        if (vector.isNull(r)) {
            return null;
        }
        Object value = vector.getObject(r);
        ArrowType type = vector.getField().getType();
        switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Utf8View:
                return value instanceof Text t ? t.toString() : value.toString();
            case Date:
                return value instanceof Integer days ? LocalDate.ofEpochDay(days)
                        : ((LocalDateTime) value).toLocalDate();
            case Time:
                if (value instanceof LocalDateTime time) {
                    return time.toLocalTime();
                }
                long t = ((Number) value).longValue();
                return LocalTime.ofNanoOfDay(switch (((ArrowType.Time) type).getUnit()) {
                    case SECOND -> t * 1_000_000_000L;
                    case MILLISECOND -> t * 1_000_000L;
                    case MICROSECOND -> t * 1_000L;
                    case NANOSECOND -> t;
                });
            case Timestamp:
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                if (ts.getTimezone() == null) {
                    return value;
                }
                return instant(((Number) value).longValue(), ts.getUnit()).atOffset(ZoneOffset.UTC);
            default:
                return value;
        }
    }

    private static Instant instant(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    }
}
