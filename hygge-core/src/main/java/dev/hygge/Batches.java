package dev.hygge;

import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** What the engine asks of batches: their size and whether two schemas match. */
final class Batches {
    private Batches() {}



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
