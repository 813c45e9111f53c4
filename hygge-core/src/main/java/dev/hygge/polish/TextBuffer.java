package dev.hygge.polish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The bytes a hash reads for one row, built in one array that every row of a stream reuses. */
final class TextBuffer {
    private byte[] bytes = new byte[256];
    private int length;

    void clear() {
        length = 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Room for {@code more} bytes after the ones held; returns the index they start at. */
    int reserve(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
        int at = length;
        length += more;
        return at;
    }

    void add(byte b) {
        bytes[reserve(1)] = b;
    }

    void add(byte[] from, int offset, int count) {
        System.arraycopy(from, offset, bytes, reserve(count), count);
    }

    void ascii(String text) {
        int at = reserve(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[at + i] = (byte) text.charAt(i);
        }
    }

    void utf8(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        add(b, 0, b.length);
    }

    /** {@code value} in decimal digits, as {@code Long.toString} writes it, without making a String. */
    void decimal(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        if (value < 0) {
            add((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int at = reserve(digits);
        for (int i = at + digits - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code value} (not negative) in exactly {@code width} digits, zeros in front. */
    void padded(long value, int width) {
        int at = reserve(width);
        for (int i = at + width - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
