package dev.hygge.spi;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Small {@link ArrowReader}s for a Home that makes its batches itself (generated rows, a sample,
 * a test's fixed data) rather than reading a format: the reader owns one root of the schema, and
 * {@link BatchSource#fill} fills it batch by batch.
 *
 * <pre>{@code
 * return Readers.filling(allocator, schema, root -> {
 *     if (next >= end) return false;
 *     int n = (int) Math.min(batchSize, end - next);
 *     fill(root, next, n);              // allocate, set values, root.setRowCount(n)
 *     next += n;
 *     return true;
 * });
 * }</pre>
 *
 * @since 0.1
 */
public final class Readers {
    private Readers() {}

    /** Fills the reader's root with the next batch. */
    @FunctionalInterface
    public interface BatchSource {
        /**
         * Puts the next batch into {@code root} (its vectors, its row count), or returns false at the
         * end. Called on the reader's thread, once per {@link ArrowReader#loadNextBatch()}.
         */
        boolean fill(VectorSchemaRoot root) throws IOException;
    }

    /** Fills rows {@code first .. first + rows - 1} of a generated range into the root. */
    @FunctionalInterface
    public interface RowFiller {
        /** Allocates the root's vectors for {@code rows} rows, sets them, and sets the row count. */
        void fill(VectorSchemaRoot root, long first, int rows) throws IOException;
    }

    /** A reader of {@code schema} whose batches {@code source} fills; it reads no bytes from a source. */
    public static ArrowReader filling(BufferAllocator allocator, Schema schema, BatchSource source) {
        return filling(allocator, schema, source, () -> {});
    }

    /** As {@link #filling(BufferAllocator, Schema, BatchSource)}, running {@code onClose} once the reader closes. */
    public static ArrowReader filling(BufferAllocator allocator, Schema schema, BatchSource source, Runnable onClose) {
        return new ArrowReader(allocator) {
            @Override
            public boolean loadNextBatch() throws IOException {
                return source.fill(getVectorSchemaRoot());
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {
                onClose.run();
            }

            @Override
            protected Schema readSchema() {
                return schema;
            }
        };
    }

    /**
     * A reader of the rows {@code from} (inclusive) to {@code to} (exclusive) of a generated range,
     * in batches of at most {@code batchSize} rows, each filled by {@code filler}.
     */
    public static ArrowReader rows(BufferAllocator allocator, Schema schema, long from, long to, int batchSize,
                                   RowFiller filler) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        long[] next = {from};
        return filling(allocator, schema, root -> {
            if (next[0] >= to) {
                return false;
            }
            int n = (int) Math.min(batchSize, to - next[0]);
            filler.fill(root, next[0], n);
            next[0] += n;
            return true;
        });
    }

    /** A reader of {@code schema} that has no rows. */
    public static ArrowReader empty(BufferAllocator allocator, Schema schema) {
        return filling(allocator, schema, root -> false);
    }
}
