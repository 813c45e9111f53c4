package dev.hygge.postgres;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Reads one non-null binary COPY field into an Arrow vector: the column's Arrow type (with what it
 * declared, in the field metadata) and how its bytes become a value. One per column of a read,
 * chosen by {@link CopyDecoders#of} from the column's PostgreSQL type.
 */
interface CopyDecoder {
    /** The Arrow type and metadata of the column's field. */
    FieldType type(boolean nullable);

    /** The element's decoder when the column is an array (the list's child), else null. */
    default CopyDecoder element() {
        return null;
    }

    /** Reads the {@code length} bytes at {@code b[off..]} as the value of {@code row}. */
    void read(byte[] b, int off, int length, FieldVector vector, int row);

    /**
     * What reads the values, called by the reader directly: one call per value through one
     * interface, not two (the decoder's and its reader's).
     */
    default Reader reader() {
        return this::read;
    }

    /** A decoder of a fixed Arrow type and metadata. */
    static CopyDecoder of(ArrowType type, java.util.Map<String, String> metadata, Reader reader) {
        return new CopyDecoder() {
            @Override
            public FieldType type(boolean nullable) {
                return new FieldType(nullable, type, null, metadata.isEmpty() ? null : metadata);
            }

            @Override
            public void read(byte[] b, int off, int length, FieldVector vector, int row) {
                reader.read(b, off, length, vector, row);
            }

            @Override
            public Reader reader() {
                return reader;
            }
        };
    }

    /** How the bytes of a value become a vector's value. */
    @FunctionalInterface
    interface Reader {
        void read(byte[] b, int off, int length, FieldVector vector, int row);
    }
}
