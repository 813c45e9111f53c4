package dev.hygge.mssql;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Bulk-copy values of string and byte Arrow columns: strings as {@link String} (UTF-8 decoded
 * straight from the vector's buffers), binaries as {@code byte[]}, and a {@code FixedSizeBinary(16)}
 * of UUIDs ({@link MssqlTypes#isUuid}) as its canonical text for a {@code uniqueidentifier}.
 */
final class BulkBytes {
    private BulkBytes() {}

    static BulkValue binary(Field field, MssqlTypes.BulkColumn type) {
        return new BulkValue(field, type) {
            @Override
            Object value(int index) {
                return ((BaseVariableWidthVector) vector).get(index);
            }
        };
    }

    static BulkValue largeBinary(Field field, MssqlTypes.BulkColumn type) {
        return new BulkValue(field, type) {
            @Override
            Object value(int index) {
                return ((BaseLargeVariableWidthVector) vector).get(index);
            }
        };
    }

    static BulkValue fixedSize(Field field, MssqlTypes.BulkColumn type) {
        return MssqlTypes.isUuid(field)
                ? new BulkValue(field, type) {
                    @Override
                    Object value(int index) {
                        return uuid(((FixedSizeBinaryVector) vector).get(index)).toString();
                    }
                }
                : new BulkValue(field, type) {
                    @Override
                    Object value(int index) {
                        return ((FixedSizeBinaryVector) vector).get(index);
                    }
                };
    }

    static UUID uuid(byte[] b) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (b[i] & 0xFF);
            low = (low << 8) | (b[i + 8] & 0xFF);
        }
        return new UUID(high, low);
    }

    /** UTF-8 strings decoded straight from the vector's buffers into a reused scratch array. */
    static final class Utf8Value extends BulkValue {
        private byte[] scratch = new byte[256];
        private ArrowBuf offsets;
        private ArrowBuf bytes;

        Utf8Value(Field field, MssqlTypes.BulkColumn type) {
            super(field, type);
        }

        @Override
        void bind(FieldVector v) {
            super.bind(v);
            offsets = v.getOffsetBuffer();
            bytes = v.getDataBuffer();
        }

        @Override
        Object value(int index) {
            int start = offsets.getInt((long) index * 4);
            int length = offsets.getInt((long) index * 4 + 4) - start;
            if (length > scratch.length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            bytes.getBytes(start, scratch, 0, length);
            return new String(scratch, 0, length, StandardCharsets.UTF_8);
        }
    }

    static final class LargeUtf8Value extends BulkValue {
        LargeUtf8Value(Field field, MssqlTypes.BulkColumn type) {
            super(field, type);
        }

        @Override
        Object value(int index) {
            return new String(((BaseLargeVariableWidthVector) vector).get(index), StandardCharsets.UTF_8);
        }
    }
}
