package dev.hygge.spi;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Moving a batch's buffers to a new owner without copying them (Arrow transfer pairs): the one way
 * batches change hands in the engine and in plugins.
 *
 * <pre>{@code
 * VectorSchemaRoot mine = Transfers.takeOut(reader.getVectorSchemaRoot(), allocator);  // the reader's root is left empty
 * Transfers.moveInto(mine, consumerRoot);                                              // and closes mine
 * VectorSchemaRoot head = Transfers.slice(batch, 0, 1_000, allocator);                 // rows [0, 1000)
 * }</pre>
 *
 * @since 0.1
 */
public final class Transfers {
    private Transfers() {}

    /** Takes every buffer of {@code source} into a new root owned by {@code allocator}; {@code source} is left empty. */
    public static VectorSchemaRoot takeOut(VectorSchemaRoot source, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(source.getFieldVectors().size());
        for (FieldVector vector : source.getFieldVectors()) {
            TransferPair pair = vector.getTransferPair(allocator);
            pair.transfer();
            vectors.add((FieldVector) pair.getTo());
        }
        VectorSchemaRoot taken = new VectorSchemaRoot(source.getSchema().getFields(), vectors, source.getRowCount());
        source.setRowCount(0);
        return taken;
    }

    /**
     * Rows {@code [from, from + count)} of {@code source} as a new root owned by {@code allocator}
     * ({@code splitAndTransfer}: buffers are shared where Arrow can, copied where it must, such as
     * validity bits not on a byte boundary); {@code source} is unchanged.
     */
    public static VectorSchemaRoot slice(VectorSchemaRoot source, int from, int count, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(source.getFieldVectors().size());
        for (FieldVector vector : source.getFieldVectors()) {
            TransferPair pair = vector.getTransferPair(allocator);
            pair.splitAndTransfer(from, count);
            vectors.add((FieldVector) pair.getTo());
        }
        return new VectorSchemaRoot(source.getSchema().getFields(), vectors, count);
    }

    /** Moves every buffer of {@code source} into {@code target} (the same schema), then closes {@code source}. */
    public static void moveInto(VectorSchemaRoot source, VectorSchemaRoot target) {
        try (source) {
            List<FieldVector> from = source.getFieldVectors();
            List<FieldVector> to = target.getFieldVectors();
            for (int i = 0; i < from.size(); i++) {
                from.get(i).makeTransferPair(to.get(i)).transfer();
            }
            target.setRowCount(source.getRowCount());
        }
    }
}
