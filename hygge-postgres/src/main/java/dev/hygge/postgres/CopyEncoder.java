package dev.hygge.postgres;

import org.apache.arrow.vector.FieldVector;

/**
 * Writes one non-null value of an Arrow vector as a binary COPY field (its 4-byte length, then
 * the value in the column type's binary form). One per column of a load, chosen once by
 * {@link CopyEncoders#of} from the Arrow type and the column's PostgreSQL type; it reads the
 * vector's buffers directly, so no object is made per value.
 */
@FunctionalInterface
interface CopyEncoder {
    void write(FieldVector vector, int row, CopyBuffer out);
}
