package dev.hygge.spi;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * How many bytes a batch, or a range of a vector's rows, takes, read from its offsets (no values are
 * read): what bounds batches, samples and row groups by bytes as well as rows.
 *
 * <pre>{@code
 * long bytes = VectorBytes.of(root);
 * }</pre>
 *
 * @since 0.1
 */
public final class VectorBytes {
    private VectorBytes() {}

    /** Bytes of every row of {@code root}. */
    public static long of(org.apache.arrow.vector.VectorSchemaRoot root) {
        long total = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            total += of(vector, 0, root.getRowCount());
        }
        return total;
    }

    /** Bytes of rows {@code [from, to)} of {@code vector}, offsets included, validity left out. */
    public static long of(FieldVector vector, int from, int to) {
        if (to <= from) {
            return 0;
        }
        int rows = to - from;
        if (vector instanceof BaseLargeVariableWidthVector large) {
            return large.getOffsetBuffer().getLong((long) to * Long.BYTES) - large.getOffsetBuffer().getLong((long) from * Long.BYTES)
                    + (long) rows * Long.BYTES;
        }
        if (vector instanceof BaseVariableWidthVector regular) {
            return (long) regular.getOffsetBuffer().getInt((long) to * Integer.BYTES)
                    - regular.getOffsetBuffer().getInt((long) from * Integer.BYTES) + (long) rows * Integer.BYTES;
        }
        if (vector instanceof LargeListVector list) {
            long start = list.getOffsetBuffer().getLong((long) from * Long.BYTES);
            long end = list.getOffsetBuffer().getLong((long) to * Long.BYTES);
            return (long) rows * Long.BYTES + of(list.getDataVector(), Math.toIntExact(start), Math.toIntExact(end));
        }
        if (vector instanceof ListVector list) { // and MapVector
            int start = list.getOffsetBuffer().getInt((long) from * Integer.BYTES);
            int end = list.getOffsetBuffer().getInt((long) to * Integer.BYTES);
            return (long) rows * Integer.BYTES + of(list.getDataVector(), start, end);
        }
        if (vector instanceof FixedSizeListVector list) {
            return of(list.getDataVector(), from * list.getListSize(), to * list.getListSize());
        }
        if (vector instanceof StructVector struct) {
            long total = 0;
            for (FieldVector child : struct.getChildrenFromFields()) {
                total += of(child, from, to);
            }
            return total;
        }
        if (vector instanceof BitVector) {
            return (rows + 7) / 8;
        }
        if (vector instanceof BaseFixedWidthVector fixed) {
            return (long) rows * fixed.getTypeWidth();
        }
        return (long) rows * Long.BYTES;
    }
}
