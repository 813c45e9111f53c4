package dev.hygge;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Moving batches between owners without copying: Arrow transfer pairs. */
final class Batches {
    private Batches() {}

    /** Takes the buffers out of {@code source} into a new root owned by {@code allocator}; {@code source} is left empty. */
    static VectorSchemaRoot takeOut(VectorSchemaRoot source, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(source.getFieldVectors().size());
        for (FieldVector vector : source.getFieldVectors()) {
            var pair = vector.getTransferPair(allocator);
            pair.transfer();
            vectors.add((FieldVector) pair.getTo());
        }
        VectorSchemaRoot taken = new VectorSchemaRoot(vectors);
        taken.setRowCount(source.getRowCount());
        source.setRowCount(0);
        return taken;
    }

    /** Moves the buffers of {@code source} into {@code target} (same schema) and closes {@code source}. */
    static void moveInto(VectorSchemaRoot source, VectorSchemaRoot target) {
        try (source) {
            List<FieldVector> from = source.getFieldVectors();
            List<FieldVector> to = target.getFieldVectors();
            for (int i = 0; i < from.size(); i++) {
                from.get(i).makeTransferPair(to.get(i)).transfer();
            }
            target.setRowCount(source.getRowCount());
        }
    }

    /** Buffer bytes a batch holds. */
    static long bytes(VectorSchemaRoot root) {
        long bytes = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        return bytes;
    }

    /** Whether two schemas have the same column names and types (metadata and nullability aside). */
    static boolean compatible(Schema a, Schema b) {
        return compatible(a.getFields(), b.getFields());
    }

    private static boolean compatible(List<Field> a, List<Field> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Field x = a.get(i);
            Field y = b.get(i);
            if (!x.getName().equals(y.getName()) || !x.getType().equals(y.getType())
                    || !compatible(x.getChildren(), y.getChildren())) {
                return false;
            }
        }
        return true;
    }
}
