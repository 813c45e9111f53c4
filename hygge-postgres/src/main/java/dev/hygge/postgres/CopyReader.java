package dev.hygge.postgres;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.copy.CopyOut;

/**
 * An Arrow stream over a binary {@code COPY (SELECT …) TO STDOUT}: each field is decoded from the
 * bytes pgjdbc received straight into its column's vector ({@link CopyDecoders}), up to
 * {@code batchRows} rows per batch. Closing it before the end cancels the COPY and takes its
 * connection out of the pool (the server may still be sending rows on it).
 *
 * <pre>{@code
 * ArrowReader reader = new CopyReader(allocator, schema, decoders, copyOut, 100_000, "pg table t", connection, pool::evict);
 * while (reader.loadNextBatch()) { ... reader.getVectorSchemaRoot() ... }
 * reader.close();
 * }</pre>
 */
final class CopyReader extends ArrowReader {
    private final Schema schema;
    private final CopyDecoder.Reader[] readers;
    private final CopyOut copy;
    private final CopyInput in;
    private final int batchRows;
    private final String where;
    private final java.sql.Connection connection;
    private final java.util.function.Consumer<java.sql.Connection> discard;
    private boolean started;
    private boolean ended;

    /**
     * @param connection the COPY's connection, closed with the reader
     * @param discard takes a connection out of its pool for good: one whose COPY was stopped early
     *     may still have the server's rows in flight, so it is never handed out again
     */
    CopyReader(BufferAllocator allocator, Schema schema, CopyDecoder[] decoders, CopyOut copy, int batchRows, String where,
            java.sql.Connection connection, java.util.function.Consumer<java.sql.Connection> discard) {
        super(allocator);
        this.schema = schema;
        this.readers = new CopyDecoder.Reader[decoders.length];
        for (int i = 0; i < decoders.length; i++) {
            readers[i] = decoders[i].reader();
        }
        this.copy = copy;
        this.in = new CopyInput(copy);
        this.batchRows = batchRows;
        this.where = where;
        this.connection = connection;
        this.discard = discard;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (ended) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
        for (FieldVector vector : vectors) {
            vector.setInitialCapacity(batchRows);
            vector.allocateNew();
        }
        int row = 0;
        try {
            if (!started) {
                in.header();
                started = true;
            }
            while (row < batchRows) {
                int fields = in.nextRow();
                if (fields < 0) {
                    ended = true;
                    break;
                }
                if (fields != readers.length) {
                    throw new IOException(where + ": a COPY row has " + fields + " fields, the query " + readers.length);
                }
                for (int c = 0; c < fields; c++) {
                    int length = in.int32();
                    if (length < 0) {
                        Vectors.setNull(vectors[c], row);
                        continue;
                    }
                    in.require(length);
                    readers[c].read(in.array(), in.position(), length, vectors[c], row);
                    in.skip(length);
                }
                row++;
            }
        } catch (SQLException e) {
            throw new IOException(where + ": reading the COPY output failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        root.setRowCount(row);
        return row > 0;
    }

    @Override
    public long bytesRead() {
        return in.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        List<Exception> failures = new ArrayList<>();
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the connection is discarded below either way
            }
            if (connection != null) {
                discard.accept(connection);
            }
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException(where + ": closing the COPY failed: " + failures.get(0).getMessage(),
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
