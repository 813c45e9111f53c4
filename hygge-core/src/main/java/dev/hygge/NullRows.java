package dev.hygge;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drops the rows of a batch whose watermark is NULL, for an incremental flow that does not load
 * them ({@code include_nulls: false}). The engine asks the Home for them anyway and drops them
 * here, so that every run can count them whatever the Home: a row with a NULL watermark is never
 * silently missing, it is reported.
 */
final class NullRows {
    private NullRows() {}

    /**
     * The rows of {@code batch} where {@code column} is not null, in a new root from {@code allocator};
     * {@code batch} is closed. A batch without NULLs is returned as it is.
     */
    static VectorSchemaRoot without(VectorSchemaRoot batch, FieldVector column, BufferAllocator allocator) {
        int rows = batch.getRowCount();
        int nulls = column.getNullCount();
        if (nulls == 0) {
            return batch;
        }
        VectorSchemaRoot kept = VectorSchemaRoot.create(batch.getSchema(), allocator);
        try {
            for (FieldVector vector : kept.getFieldVectors()) {
                vector.setInitialCapacity(Math.max(1, rows - nulls));
                vector.allocateNew();
            }
            int to = 0;
            for (int from = 0; from < rows; from++) {
                if (column.isNull(from)) {
                    continue;
                }
                for (int v = 0; v < kept.getFieldVectors().size(); v++) {
                    kept.getVector(v).copyFromSafe(from, to, batch.getVector(v));
                }
                to++;
            }
            for (FieldVector vector : kept.getFieldVectors()) {
                vector.setValueCount(to);
            }
            kept.setRowCount(to);
        } catch (RuntimeException e) {
            kept.close();
            throw e;
        } finally {
            batch.close();
        }
        return kept;
    }
}
