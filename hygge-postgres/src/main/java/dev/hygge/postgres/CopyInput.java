package dev.hygge.postgres;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyOut;

/**
 * The rows of a binary {@code COPY … TO STDOUT} as they arrive: the server sends one message per
 * row (the file header rides on the first), which pgjdbc hands over as a byte array; values are
 * decoded straight from it. A value that spans two messages (never seen, but the format allows
 * it) is joined first.
 *
 * <pre>{@code
 * CopyInput in = new CopyInput(copyOut);
 * in.header();
 * while (in.nextRow() >= 0) { int length = in.int32(); ...; in.skip(length); }
 * }</pre>
 */
final class CopyInput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final CopyOut source;
    private byte[] bytes = new byte[0];
    private int at;
    private long read;
    private boolean ended;

    CopyInput(CopyOut source) {
        this.source = source;
    }

    /** Reads and checks the file header. */
    void header() throws SQLException {
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(bytes, at, at + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("the server's COPY output is not PostgreSQL's binary format");
        }
        at += SIGNATURE.length + 4;
        int extension = int32();
        require(extension);
        at += extension;
    }

    /** The next row's field count, or -1 at the end of the data. */
    int nextRow() throws SQLException {
        if (ended || !require(2)) {
            ended = true;
            return -1;
        }
        int fields = (short) int16(bytes, at);
        at += 2;
        if (fields < 0) {
            ended = true;
            // read to the end of the operation (the server's CommandComplete), so the connection is idle again
            while (source.readFromCopy() != null) {
                // nothing follows the trailer
            }
        }
        return fields;
    }

    int int32() throws SQLException {
        require(4);
        int value = int32(bytes, at);
        at += 4;
        return value;
    }

    /** Makes {@code length} bytes readable at {@link #position()} in {@link #array()}. */
    boolean require(int length) throws SQLException {
        while (bytes.length - at < length) {
            byte[] next = source.readFromCopy();
            if (next == null) {
                if (bytes.length - at == 0) {
                    return false;
                }
                throw new SQLException("the server's COPY output ended inside a row");
            }
            read += next.length;
            if (at == bytes.length) {
                bytes = next;
            } else {
                byte[] joined = new byte[bytes.length - at + next.length];
                System.arraycopy(bytes, at, joined, 0, bytes.length - at);
                System.arraycopy(next, 0, joined, bytes.length - at, next.length);
                bytes = joined;
            }
            at = 0;
        }
        return true;
    }

    byte[] array() {
        return bytes;
    }

    int position() {
        return at;
    }

    void skip(int length) {
        at += length;
    }

    /** Bytes received so far. */
    long bytesRead() {
        return read;
    }

    static int int16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xFFFF;
    }

    static int int32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    static long int64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }
}
