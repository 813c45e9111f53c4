package dev.hygge.mssql;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a JDBC result set into Arrow batches of {@code batchSize} rows with one typed reader per
 * column (types from {@link MssqlTypes#arrowField}). Owns the result set's statement and
 * connection through {@code onClose}.
 */
final class ResultSetReader extends ArrowReader {
    /** Called once when the reader closes (closes the statement and returns the connection). */
    interface Closer {
        void close() throws Exception;
    }

    private final ResultSet rs;
    private final Schema schema;
    private final int batchSize;
    private final Closer closer;
    private final String where;
    private ColumnReader[] readers;
    private boolean done;

    ResultSetReader(BufferAllocator allocator, ResultSet rs, int batchSize, Closer closer, String where) throws SQLException {
        super(allocator);
        this.rs = rs;
        this.batchSize = batchSize;
        this.closer = closer;
        this.where = where;
        this.schema = schema(rs.getMetaData());
    }

    static Schema schema(ResultSetMetaData md) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            String name = md.getColumnLabel(c);
            if (name == null || name.isEmpty()) {
                name = "column" + c;
            }
            fields.add(MssqlTypes.arrowField(name, md.getColumnType(c), md.getColumnTypeName(c), md.getPrecision(c),
                    md.getScale(c), md.isNullable(c) != ResultSetMetaData.columnNoNulls));
        }
        return new Schema(fields);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (done) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        if (readers == null) {
            readers = new ColumnReader[root.getFieldVectors().size()];
            for (int c = 0; c < readers.length; c++) {
                readers[c] = reader(root.getVector(c), c + 1);
            }
        }
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setInitialCapacity(batchSize);
        }
        root.allocateNew();
        int rows = 0;
        try {
            while (rows < batchSize && rs.next()) {
                for (ColumnReader reader : readers) {
                    reader.read(rows);
                }
                rows++;
            }
        } catch (SQLException e) {
            throw new IOException(where + ": reading row " + rows + " of the batch failed: " + e.getMessage(), e);
        }
        if (rows < batchSize) {
            done = true;
        }
        root.setRowCount(rows);
        return rows > 0;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IOException(where + ": closing the result set failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }

    private interface ColumnReader {
        void read(int row) throws SQLException;
    }

    private ColumnReader reader(FieldVector vector, int c) {
        ArrowType type = vector.getField().getType();
        return switch (type.getTypeID()) {
            case Bool -> row -> {
                boolean v = rs.getBoolean(c);
                if (rs.wasNull()) {
                    vector.setNull(row);
                } else {
                    ((BitVector) vector).setSafe(row, v ? 1 : 0);
                }
            };
            case Int -> switch (((ArrowType.Int) type).getBitWidth()) {
                case 8 -> row -> {
                    short v = rs.getShort(c);
                    if (rs.wasNull()) {
                        vector.setNull(row);
                    } else {
                        ((UInt1Vector) vector).setSafe(row, v);
                    }
                };
                case 16 -> row -> {
                    short v = rs.getShort(c);
                    if (rs.wasNull()) {
                        vector.setNull(row);
                    } else {
                        ((SmallIntVector) vector).setSafe(row, v);
                    }
                };
                case 32 -> row -> {
                    int v = rs.getInt(c);
                    if (rs.wasNull()) {
                        vector.setNull(row);
                    } else {
                        ((IntVector) vector).setSafe(row, v);
                    }
                };
                default -> row -> {
                    long v = rs.getLong(c);
                    if (rs.wasNull()) {
                        vector.setNull(row);
                    } else {
                        ((BigIntVector) vector).setSafe(row, v);
                    }
                };
            };
            case Decimal -> {
                int scale = ((ArrowType.Decimal) type).getScale();
                yield row -> {
                    BigDecimal v = rs.getBigDecimal(c);
                    if (v == null) {
                        vector.setNull(row);
                    } else {
                        ((DecimalVector) vector).setSafe(row, v.setScale(scale, RoundingMode.UNNECESSARY));
                    }
                };
            }
            case FloatingPoint -> vector instanceof Float4Vector f4
                    ? row -> {
                        float v = rs.getFloat(c);
                        if (rs.wasNull()) {
                            vector.setNull(row);
                        } else {
                            f4.setSafe(row, v);
                        }
                    }
                    : row -> {
                        double v = rs.getDouble(c);
                        if (rs.wasNull()) {
                            vector.setNull(row);
                        } else {
                            ((Float8Vector) vector).setSafe(row, v);
                        }
                    };
            case Date -> row -> {
                LocalDate v = rs.getObject(c, LocalDate.class);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((DateDayVector) vector).setSafe(row, (int) v.toEpochDay());
                }
            };
            case Time -> row -> {
                LocalTime v = rs.getObject(c, LocalTime.class);
                if (v == null) {
                    vector.setNull(row);
                    return;
                }
                long nanos = v.toNanoOfDay();
                switch (((ArrowType.Time) type).getUnit()) {
                    case SECOND -> ((TimeSecVector) vector).setSafe(row, (int) (nanos / 1_000_000_000L));
                    case MILLISECOND -> ((TimeMilliVector) vector).setSafe(row, (int) (nanos / 1_000_000L));
                    case MICROSECOND -> ((TimeMicroVector) vector).setSafe(row, nanos / 1_000L);
                    case NANOSECOND -> ((TimeNanoVector) vector).setSafe(row, nanos);
                }
            };
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                boolean zoned = ts.getTimezone() != null;
                TimeUnit unit = ts.getUnit();
                yield row -> {
                    long seconds;
                    int nanos;
                    if (zoned) {
                        OffsetDateTime v = rs.getObject(c, OffsetDateTime.class);
                        if (v == null) {
                            vector.setNull(row);
                            return;
                        }
                        seconds = v.toEpochSecond();
                        nanos = v.getNano();
                    } else {
                        LocalDateTime v = rs.getObject(c, LocalDateTime.class);
                        if (v == null) {
                            vector.setNull(row);
                            return;
                        }
                        seconds = v.toEpochSecond(ZoneOffset.UTC);
                        nanos = v.getNano();
                    }
                    long value = switch (unit) {
                        case SECOND -> seconds;
                        case MILLISECOND -> seconds * 1_000L + nanos / 1_000_000;
                        case MICROSECOND -> seconds * 1_000_000L + nanos / 1_000;
                        case NANOSECOND -> seconds * 1_000_000_000L + nanos;
                    };
                    ((TimeStampVector) vector).setSafe(row, value);
                };
            }
            case FixedSizeBinary -> row -> {
                String v = rs.getString(c);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    UUID uuid = UUID.fromString(v);
                    ((FixedSizeBinaryVector) vector).setSafe(row, ByteBuffer.allocate(16)
                            .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
                }
            };
            case Binary -> row -> {
                byte[] v = rs.getBytes(c);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((VarBinaryVector) vector).setSafe(row, v);
                }
            };
            default -> row -> {
                String v = rs.getString(c);
                if (v == null) {
                    vector.setNull(row);
                } else {
                    ((VarCharVector) vector).setSafe(row, v.getBytes(StandardCharsets.UTF_8));
                }
            };
        };
    }
}
