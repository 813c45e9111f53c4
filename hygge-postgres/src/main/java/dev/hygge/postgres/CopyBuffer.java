package dev.hygge.postgres;

import java.util.Arrays;

/**
 * The reused byte buffer one COPY stream encodes rows into: big-endian, as PostgreSQL's binary
 * COPY format is, growing when a value needs it, emptied into the server after each batch of rows.
 *
 * <pre>{@code
 * CopyBuffer out = new CopyBuffer(1 << 20);
 * out.int16(columns);            // a row's field count
 * out.int32(8); out.int64(42);   // one int8 field: its length, its value
 * copyIn.writeToCopy(out.array(), 0, out.size()); out.clear();
 * }</pre>
 */
final class CopyBuffer {
    private byte[] bytes;
    private int size;

    CopyBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Makes room for {@code more} bytes. */
    void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void int8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void int32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void bytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Reserves a field's 4-byte length, to be filled by {@link #endField} once its value is written. */
    int beginField() {
        ensure(4);
        int at = size;
        size += 4;
        return at;
    }

    void endField(int at) {
        int length = size - at - 4;
        bytes[at] = (byte) (length >>> 24);
        bytes[at + 1] = (byte) (length >>> 16);
        bytes[at + 2] = (byte) (length >>> 8);
        bytes[at + 3] = (byte) length;
    }

    /** Where the next byte goes; with {@link #advance}, for writers that copy straight from Arrow buffers. */
    int position() {
        return size;
    }

    void advance(int length) {
        size += length;
    }
}
