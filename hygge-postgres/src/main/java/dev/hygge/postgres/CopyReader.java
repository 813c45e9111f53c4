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
 * {@code batchRows} rows per batch. Closing it before the end cancels the COPY and returns the
 * connection.
 *
 * <pre>{@code
 * ArrowReader reader = new CopyReader(allocator, schema, decoders, copyOut, 100_000, "pg table t", connection);
 * while (reader.loadNextBatch()) { ... reader.getVectorSchemaRoot() ... }
 * reader.close();
 * }</pre>
 */
final class CopyReader extends ArrowReader {
    private final Schema schema;
    private final CopyDecoder[] decoders;
    private final CopyOut copy;
    private final CopyInput in;
    private final int batchRows;
    private final String where;
    private final List<AutoCloseable> closing;
    private boolean started;
    private boolean ended;

    CopyReader(BufferAllocator allocator, Schema schema, CopyDecoder[] decoders, CopyOut copy, int batchRows, String where,
            AutoCloseable... closing) {
        super(allocator);
        this.schema = schema;
        this.decoders = decoders;
        this.copy = copy;
        this.in = new CopyInput(copy);
        this.batchRows = batchRows;
        this.where = where;
        this.closing = List.of(closing);
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
                if (fields != decoders.length) {
                    throw new IOException(where + ": a COPY row has " + fields + " fields, the query " + decoders.length);
                }
                for (int c = 0; c < fields; c++) {
                    int length = in.int32();
                    if (length < 0) {
                        Vectors.setNull(vectors[c], row);
                        continue;
                    }
                    in.require(length);
                    decoders[c].read(in.array(), in.position(), length, vectors[c], row);
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
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            failures.add(e);
        }
        for (AutoCloseable resource : closing) {
            try {
                resource.close();
            } catch (Exception e) {
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
