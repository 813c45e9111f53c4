package dev.hygge.postgres;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
        SHORT.set(bytes, size, (short) value);
        size += 2;
    }

    void int32(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void int64(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    /** Overwrites the two bytes at {@code at} (below {@link #position()} + what {@link #ensure} made room for). */
    void int16At(int at, int value) {
        SHORT.set(bytes, at, (short) value);
    }

    /** A field of one int32: its length (4), then the value. */
    void int32Field(int value) {
        ensure(8);
        INT.set(bytes, size, 4);
        INT.set(bytes, size + 4, value);
        size += 8;
    }

    /** A field of one int64: its length (8), then the value. */
    void int64Field(long value) {
        ensure(12);
        INT.set(bytes, size, 8);
        LONG.set(bytes, size + 4, value);
        size += 12;
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
        INT.set(bytes, at, size - at - 4);
    }

    /** Where the next byte goes; with {@link #advance}, for writers that copy straight from Arrow buffers. */
    int position() {
        return size;
    }

    void advance(int length) {
        size += length;
    }
}
