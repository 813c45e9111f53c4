package dev.hygge.parquet;

import dev.hygge.spi.Transfers;
import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Cuts one stream into files of at most {@code rowsPerFile} rows: each {@link #next()} is an
 * {@link ArrowReader} over the next file's rows, splitting a batch where a file ends. Batches are
 * moved, never copied, and the stream itself is never closed (the engine owns it).
 *
 * <pre>{@code
 * StreamChunks chunks = new StreamChunks(stream, 1_000_000, allocator);
 * while (chunks.hasMore()) {
 *     try (ArrowReader file = chunks.next()) { ... export and write one file ... }
 * }
 * chunks.close();
 * }</pre>
 */
final class StreamChunks implements AutoCloseable {
    private final ArrowReader source;
    private final long rowsPerFile;
    private final BufferAllocator allocator;
    private final Schema schema;
    private VectorSchemaRoot pending;
    private boolean ended;
    private long rows;

    StreamChunks(ArrowReader source, long rowsPerFile, BufferAllocator allocator) throws IOException {
        this.source = source;
        this.rowsPerFile = rowsPerFile <= 0 ? Long.MAX_VALUE : rowsPerFile;
        this.allocator = allocator;
        this.schema = source.getVectorSchemaRoot().getSchema();
    }

    /** Whether rows remain (loads the next batch to find out). */
    boolean hasMore() throws IOException {
        while (pending == null) {
            if (ended || !source.loadNextBatch()) {
                ended = true; // a reader that ended is never asked again: it may block
                return false;
            }
            VectorSchemaRoot root = source.getVectorSchemaRoot();
            if (root.getRowCount() > 0) {
                pending = Transfers.takeOut(root, allocator);
            }
        }
        return true;
    }

    /** Bytes per row of the batch {@link #hasMore()} loaded: what sizes the next file's row groups. */
    double bytesPerRow() {
        return pending == null || pending.getRowCount() == 0 ? 0
                : (double) dev.hygge.spi.VectorBytes.of(pending) / pending.getRowCount();
    }

    /** A reader over the next file's rows. */
    ArrowReader next() {
        return new Chunk();
    }

    /** Rows handed out so far. */
    long rows() {
        return rows;
    }

    Schema schema() {
        return schema;
    }


    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }

    /** One file's rows. */
    private final class Chunk extends ArrowReader {
        private long left = rowsPerFile;

        Chunk() {
            super(StreamChunks.this.allocator);
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            VectorSchemaRoot root = getVectorSchemaRoot();
            if (left <= 0 || !hasMore()) {
                root.setRowCount(0);
                return false;
            }
            VectorSchemaRoot batch = pending;
            int count = batch.getRowCount();
            if (count <= left) {
                pending = null;
                Transfers.moveInto(batch, root);
            } else {
                int cut = (int) left;
                try (VectorSchemaRoot head = Transfers.slice(batch, 0, cut, allocator)) {
                    pending = Transfers.slice(batch, cut, count - cut, allocator);
                    batch.close();
                    Transfers.moveInto(head, root);
                }
            }
            left -= root.getRowCount();
            rows += root.getRowCount();
            return true;
        }


        @Override
        public Dictionary lookup(long id) {
            return source.lookup(id);
        }

        @Override
        public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
            return source.getDictionaryVectors();
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
            // the stream belongs to the engine
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
