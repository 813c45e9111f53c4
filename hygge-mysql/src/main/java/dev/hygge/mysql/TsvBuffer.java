package dev.hygge.mysql;

import org.apache.arrow.memory.ArrowBuf;

/**
 * The reused byte buffer rows are encoded into for {@code LOAD DATA}: tab-separated fields, lines
 * ending in {@code \n}, {@code \N} for NULL, and in text {@code \\}, {@code \t}, {@code \n},
 * {@code \r} and NUL escaped with a backslash ({@code FIELDS ESCAPED BY '\\'}). Numbers, dates and
 * times are written digit by digit, without a String or any other object per value.
 *
 * <pre>{@code
 * TsvBuffer out = new TsvBuffer(1 << 16);
 * out.integer(-42); out.tab(); out.nullValue(); out.newline();   // "-42\t\\N\n"
 * }</pre>
 */
final class TsvBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int size;
    private byte[] scratch = new byte[1024];

    TsvBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Drops what was written after {@code mark} (a row that failed halfway). */
    void truncate(int mark) {
        size = Math.min(size, mark);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void tab() {
        ensure(1);
        bytes[size++] = '\t';
    }

    void newline() {
        ensure(1);
        bytes[size++] = '\n';
    }

    void nullValue() {
        ensure(2);
        bytes[size++] = '\\';
        bytes[size++] = 'N';
    }

    void ascii(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    /** A signed decimal integer. */
    void integer(long value) {
        if (value == Long.MIN_VALUE) {
            ensure(MIN_LONG.length);
            System.arraycopy(MIN_LONG, 0, bytes, size, MIN_LONG.length);
            size += MIN_LONG.length;
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        digits(value, 1);
    }

    /** An unsigned 64-bit integer (uint64's bit pattern). */
    void unsigned(long value) {
        if (value >= 0) {
            integer(value);
            return;
        }
        long quotient = (value >>> 1) / 5;
        long remainder = value - quotient * 10;
        integer(quotient);
        ascii((byte) ('0' + remainder));
    }

    /** A non-negative value in at least {@code width} digits, zero-padded. */
    void digits(long value, int width) {
        int n = 1;
        for (long v = value; v >= 10; v /= 10) {
            n++;
        }
        n = Math.max(n, width);
        ensure(n);
        for (int i = size + n - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += n;
    }

    /** {@code unscaled × 10^-scale} as a plain decimal: {@code -12.30} for (-1230, 2). */
    void decimal(long unscaled, int scale) {
        if (scale == 0) {
            integer(unscaled);
            return;
        }
        boolean negative = unscaled < 0;
        if (negative) {
            ascii((byte) '-');
        }
        // |Long.MIN_VALUE| does not fit; a decimal of at most 18 digits never holds it
        long magnitude = Math.abs(unscaled);
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        digits(magnitude / pow, 1);
        ascii((byte) '.');
        digits(magnitude % pow, scale);
    }

    /** ASCII text known to need no escaping (a number's or a decimal's own spelling). */
    void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    /** {@code length} UTF-8 bytes of {@code data} from {@code offset}, escaped. */
    void text(ArrowBuf data, long offset, int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        data.getBytes(offset, scratch, 0, length);
        text(scratch, 0, length);
    }

    /** UTF-8 bytes, escaped. */
    void text(byte[] utf8, int from, int length) {
        ensure(length * 2);
        for (int i = from; i < from + length; i++) {
            byte b = utf8[i];
            switch (b) {
                case '\\' -> { bytes[size++] = '\\'; bytes[size++] = '\\'; }
                case '\t' -> { bytes[size++] = '\\'; bytes[size++] = 't'; }
                case '\n' -> { bytes[size++] = '\\'; bytes[size++] = 'n'; }
                case '\r' -> { bytes[size++] = '\\'; bytes[size++] = 'r'; }
                case 0 -> { bytes[size++] = '\\'; bytes[size++] = '0'; }
                default -> bytes[size++] = b;
            }
        }
    }

    /** Bytes as hexadecimal digits (the column is loaded through {@code UNHEX}). */
    void hex(ArrowBuf data, long offset, int length) {
        ensure(length * 2);
        for (int i = 0; i < length; i++) {
            int b = data.getByte(offset + i) & 0xff;
            bytes[size++] = HEX[b >>> 4];
            bytes[size++] = HEX[b & 0xf];
        }
    }

    /** {@code yyyy-mm-dd} of a day since 1970-01-01 (proleptic Gregorian). */
    void date(long epochDay) {
        // Howard Hinnant's days-to-civil
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " is outside MySQL's 0000..9999");
        }
        digits(year, 4);
        ascii((byte) '-');
        digits(month, 2);
        ascii((byte) '-');
        digits(day, 2);
    }

    /** {@code hh:mm:ss[.f…]} of {@code micros} since midnight, with {@code fraction} digits (0, 3 or 6). */
    void time(long micros, int fraction) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long rest = Math.floorMod(micros, 1_000_000L);
        digits(seconds / 3600, 2);
        ascii((byte) ':');
        digits(seconds / 60 % 60, 2);
        ascii((byte) ':');
        digits(seconds % 60, 2);
        fraction(rest, fraction);
    }

    /** {@code yyyy-mm-dd hh:mm:ss[.f…]} of {@code micros} since 1970-01-01T00:00 (UTC, or the wall clock as if UTC). */
    void timestamp(long micros, int fraction) {
        long day = Math.floorDiv(micros, 86_400_000_000L);
        long inDay = Math.floorMod(micros, 86_400_000_000L);
        date(day);
        ascii((byte) ' ');
        time(inDay, fraction);
    }

    private void fraction(long micros, int digits) {
        if (digits == 0) {
            return;
        }
        ascii((byte) '.');
        digits(digits == 3 ? micros / 1000 : micros, digits);
    }
}
