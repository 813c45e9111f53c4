package dev.hygge.postgres;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/** What Arrow's vector classes do alike but declare apart. */
final class Vectors {
    private Vectors() {}

    /**
     * Marks {@code row} of a fixed-width vector valid, unchecked: the caller made room for it
     * ({@link #ensureCapacity}, or a batch allocated for as many rows).
     */
    static void setValid(FieldVector vector, int row) {
        long at = vector.getValidityBufferAddress() + (row >>> 3);
        MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
    }

    /** Grows {@code vector} until it holds {@code rows} values. */
    static void ensureCapacity(FieldVector vector, int rows) {
        while (rows > vector.getValueCapacity()) {
            vector.reAlloc();
        }
    }

    /** Marks {@code row} NULL, growing the vector if needed. */
    static void setNull(FieldVector vector, int row) {
        while (row >= vector.getValueCapacity()) {
            vector.reAlloc();
        }
        if (vector instanceof BaseFixedWidthVector fixed) {
            fixed.setNull(row);
        } else if (vector instanceof BaseVariableWidthVector variable) {
            variable.setNull(row);
        } else if (vector instanceof ListVector list) {
            list.setNull(row);
        } else {
            throw new IllegalStateException("no NULL for " + vector.getClass().getSimpleName());
        }
    }
}
