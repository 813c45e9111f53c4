package dev.hygge.postgres;

import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.TableName;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an Arrow stream with {@code COPY table (columns) FROM STDIN (FORMAT binary)} through
 * pgjdbc's {@code CopyManager}: each value is encoded from its vector's buffers into one reused
 * byte buffer per stream ({@link CopyEncoders}), sent to the server whenever it holds
 * {@link #FLUSH_BYTES}. The encoders are chosen from the table's own column types (read from
 * {@code pg_attribute}), so a value goes in as exactly the binary form its column reads. NULLs
 * are told from the validity bitmap's bytes, and a batch's column without NULLs is not checked.
 *
 * <pre>{@code
 * TableWriter.builder(dialect).loader(new PostgresCopyLoader(dialect))...
 * }</pre>
 *
 * <p>Several streams of one write are several loads on their own connections, into one staging
 * table: COPY takes only a row-exclusive lock, so they run side by side.
 */
final class PostgresCopyLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCopyLoader.class);
    /** Bytes sent per {@code CopyData} round of writes. */
    static final int FLUSH_BYTES = 1 << 20;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** {@link #validity}: no NULL in the batch's column. */
    private static final long NO_NULLS = 0;
    /** {@link #validity}: ask the vector. */
    private static final long ASK = -1;

    private final PostgresDialect dialect;

    PostgresCopyLoader(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        String qualified = dialect.qualify(table);
        Map<String, PgType> types = new HashMap<>();
        for (PgType.Column column : PgType.columns(connection, qualified)) {
            types.put(column.name(), column.type());
        }
        VectorSchemaRoot root;
        try {
            root = batches.getVectorSchemaRoot();
        } catch (IOException e) {
            throw new SQLException("reading the stream's schema failed: " + e.getMessage(), e);
        }
        List<Field> fields = root.getSchema().getFields();
        CopyEncoder[] encoders = new CopyEncoder[fields.size()];
        for (int i = 0; i < encoders.length; i++) {
            PgType type = types.get(columns.get(i));
            if (type == null) {
                throw new SQLException("table " + table + " has no column '" + columns.get(i) + "'");
            }
            encoders[i] = CopyEncoders.of(fields.get(i), type, columns.get(i));
        }
        String sql = "COPY " + qualified + " (" + dialect.columnList(columns) + ") FROM STDIN (FORMAT binary)";
        LOG.debug("{}", sql);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            CopyBuffer out = new CopyBuffer(FLUSH_BYTES + (FLUSH_BYTES >> 2));
            out.bytes(HEADER, 0, HEADER.length);
            int count = encoders.length;
            long[] validity = new long[count];
            while (batches.loadNextBatch()) {
                List<FieldVector> vectors = root.getFieldVectors();
                FieldVector[] columnVectors = vectors.toArray(new FieldVector[0]);
                int rows = root.getRowCount();
                for (int c = 0; c < count; c++) {
                    validity[c] = validity(columnVectors[c], rows);
                }
                for (int row = 0; row < rows; row++) {
                    out.int16(count);
                    for (int c = 0; c < count; c++) {
                        FieldVector vector = columnVectors[c];
                        long bits = validity[c];
                        if (bits != NO_NULLS && (bits == ASK ? vector.isNull(row)
                                : (MemoryUtil.getByte(bits + (row >>> 3)) & (1 << (row & 7))) == 0)) {
                            out.int32(-1);
                        } else {
                            encoders[c].write(vector, row, out);
                        }
                    }
                    if (out.size() >= FLUSH_BYTES) {
                        copy.writeToCopy(out.array(), 0, out.size());
                        out.clear();
                    }
                }
            }
            out.int16(-1);
            copy.writeToCopy(out.array(), 0, out.size());
            return copy.endCopy();
        } catch (IOException e) {
            cancel(copy, e);
            throw new SQLException(e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            cancel(copy, e);
            throw e;
        }
    }

    /**
     * How the loop tells a batch's NULLs in {@code vector}: {@link #NO_NULLS} when it has none (no
     * check at all), else the address of its validity bitmap, read directly, or {@link #ASK} where
     * only the vector knows (a null-type vector has no bitmap; one that counts fewer values than
     * the batch's rows).
     */
    private static long validity(FieldVector vector, int rows) {
        if (vector instanceof NullVector || vector.getValueCount() < rows) {
            return ASK;
        }
        if (vector.getNullCount() == 0) {
            return NO_NULLS;
        }
        ArrowBuf bits = vector.getValidityBuffer();
        return bits.capacity() >= (vector.getValueCount() + 7) / 8 ? bits.memoryAddress() : ASK;
    }

    private static void cancel(CopyIn copy, Exception failure) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
