package dev.hygge.jdbc;

import dev.hygge.schema.SqlType;
import dev.hygge.spi.ForwardingReader;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A view of the flow's stream handed to a {@link BulkLoader}: the same batches (no copy), rows
 * counted, bounded columns checked, and closing it leaves the flow's stream open.
 */
final class CheckedReader extends ForwardingReader {
    /** Checks one batch before the loader sees it; throws to stop the load. */
    interface BatchCheck {
        void check(VectorSchemaRoot batch);
    }

    private final BatchCheck check;
    private final boolean single;
    private boolean delivered;
    private long rows;
    private RuntimeException failure;

    /**
     * @param single whether to hand on only the batch {@code source} holds now (already loaded)
     *     instead of reading {@code source} to its end
     */
    CheckedReader(BufferAllocator allocator, ArrowReader source, BatchCheck check, boolean single) {
        super(allocator, source);
        this.check = check;
        this.single = single;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (single) {
            if (delivered) {
                return false;
            }
            delivered = true;
        } else if (!source.loadNextBatch()) {
            return false;
        }
        VectorSchemaRoot batch = source.getVectorSchemaRoot();
        try {
            check.check(batch);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        rows += batch.getRowCount();
        return true;
    }

    @Override
    protected void closeReadSource() {
        // the flow's stream belongs to the engine
    }

    long rows() {
        return rows;
    }

    /** The check failure that stopped the loader, if any: it explains better than the loader's own error. */
    RuntimeException failure() {
        return failure;
    }

    /**
     * The longest value of a bounded column in {@code vector} that exceeds {@code limit}, or -1:
     * characters for text, in the units the dialect declares lengths in ({@code textLength} of the
     * UTF-8 bytes), bytes for binary.
     */
    static long longestOver(FieldVector vector, int rowCount, SqlType type, int limit,
                            java.util.function.ToIntFunction<byte[]> textLength) {
        if (!(vector instanceof VariableWidthFieldVector values)) {
            return -1;
        }
        boolean text = type.family() == SqlType.Family.TEXT;
        long longest = -1;
        for (int i = 0; i < rowCount; i++) {
            if (values.isNull(i)) {
                continue;
            }
            int bytes = values.getValueLength(i);
            if (bytes <= limit || bytes <= longest) {
                continue;
            }
            int length = text ? textLength.applyAsInt(values.get(i)) : bytes;
            if (length > limit && length > longest) {
                longest = length;
            }
        }
        return longest;
    }
}
