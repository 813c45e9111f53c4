package dev.hygge.postgres;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.DecimalVector;

/**
 * PostgreSQL's binary {@code numeric}: {@code ndigits}, {@code weight}, {@code sign},
 * {@code dscale} (four int16s), then {@code ndigits} base-10000 digits, most significant first,
 * the first worth {@code 10000^weight}. Values whose unscaled form fits a {@code long} (up to 18
 * digits) are encoded and decoded on primitives alone; wider ones go through {@link BigDecimal}.
 *
 * <pre>{@code
 * PgNumeric.write(12345, 2, out);     // 123.45: ndigits 2, weight 0, digits 123 4500, dscale 2
 * }</pre>
 */
final class PgNumeric {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
            100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
            1_000_000_000_000_000_000L};
    /** The largest magnitude that still fits a {@code long} once multiplied by {@code POW10[pad]}. */
    private static final long[] FITS_PADDED = {Long.MAX_VALUE, Long.MAX_VALUE / 10, Long.MAX_VALUE / 100, Long.MAX_VALUE / 1000};

    private PgNumeric() {}

    /** Writes the field (length and value) of a decimal vector's value at {@code row}, of {@code scale}. */
    static void write(DecimalVector vector, int row, int scale, CopyBuffer out) {
        long at = vector.getDataBufferAddress() + (long) row * DecimalVector.TYPE_WIDTH;
        long low = MemoryUtil.getLong(at);
        long high = MemoryUtil.getLong(at + 8);
        if (high == (low >> 63)) {
            write(low, scale, out);
        } else {
            write(vector.getObject(row), out);
        }
    }

    /** Writes the field of {@code unscaled × 10^-scale}. */
    static void write(long unscaled, int scale, CopyBuffer out) {
        if (unscaled == Long.MIN_VALUE || scale < 0 || scale > 1000) {
            write(BigDecimal.valueOf(unscaled, scale), out);
            return;
        }
        int sign = unscaled < 0 ? NEGATIVE : POSITIVE;
        long magnitude = Math.abs(unscaled);
        int pad = (4 - (scale & 3)) & 3;
        if (magnitude > FITS_PADDED[pad]) {
            write(BigDecimal.valueOf(unscaled, scale), out);
            return;
        }
        magnitude *= POW10[pad];
        if (magnitude == 0) {
            header(out, 0, 0, POSITIVE, scale);
            return;
        }
        int groups = magnitude >= 10_000_000_000_000_000L ? 5 : magnitude >= 1_000_000_000_000L ? 4
                : magnitude >= 100_000_000L ? 3 : magnitude >= 10_000L ? 2 : 1;
        int weight = groups - 1 - (scale + pad) / 4;
        while (magnitude % 10_000 == 0) {
            magnitude /= 10_000;
            groups--;
        }
        header(out, groups, weight, sign, scale);
        // the digits, least significant last: written from the end, by divisions by a constant
        out.ensure(2 * groups);
        int at = out.position() + 2 * groups;
        for (int i = 0; i < groups; i++) {
            long rest = magnitude / 10_000;
            at -= 2;
            out.int16At(at, (int) (magnitude - rest * 10_000));
            magnitude = rest;
        }
        out.advance(2 * groups);
    }

    /** Writes the field of {@code value}: exact, whatever its size. */
    static void write(BigDecimal value, CopyBuffer out) {
        int dscale = Math.max(0, value.scale());
        String text = value.abs().toPlainString();
        int dot = text.indexOf('.');
        String integer = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String all = integer + fraction;
        int first = 0;
        int weight = integer.length() / 4 - 1;
        int last = all.length() / 4;
        while (first < last && all.startsWith("0000", first * 4)) {
            first++;
            weight--;
        }
        while (last > first && all.startsWith("0000", (last - 1) * 4)) {
            last--;
        }
        if (first == last) {
            header(out, 0, 0, POSITIVE, dscale);
            return;
        }
        header(out, last - first, weight, value.signum() < 0 ? NEGATIVE : POSITIVE, dscale);
        for (int i = first; i < last; i++) {
            out.int16(Integer.parseInt(all, i * 4, i * 4 + 4, 10));
        }
    }

    /** Writes the field of a {@code double} (NaN as numeric NaN; infinities fail). */
    static void write(double value, CopyBuffer out) {
        if (Double.isNaN(value)) {
            header(out, 0, 0, NAN, 0);
        } else if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(value + " has no numeric form before PostgreSQL 14; store it in a float column");
        } else {
            write(BigDecimal.valueOf(value), out);
        }
    }

    /**
     * Writes the field of a number as text, as the Home reads an unconstrained numeric ({@code NaN},
     * {@code Infinity} and {@code -Infinity} included; the server answers for infinities before 14).
     *
     * @throws IllegalArgumentException quoting the text when it is no number
     */
    static void write(String text, CopyBuffer out) {
        switch (text) {
            case "NaN" -> header(out, 0, 0, NAN, 0);
            case "Infinity" -> header(out, 0, 0, 0xD000, 0);
            case "-Infinity" -> header(out, 0, 0, 0xF000, 0);
            default -> {
                BigDecimal value;
                try {
                    value = new BigDecimal(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a number", e);
                }
                write(value, out);
            }
        }
    }

    private static void header(CopyBuffer out, int ndigits, int weight, int sign, int dscale) {
        out.int32(8 + 2 * ndigits);
        out.int64(((long) ndigits << 48) | ((long) (weight & 0xFFFF) << 32) | ((long) (sign & 0xFFFF) << 16) | (dscale & 0xFFFF));
    }

    /**
     * Reads the value at {@code b[off..]} into a decimal vector of a fixed scale; {@code row} is
     * within its capacity (a value that fits a {@code long} is written unchecked).
     */
    static void read(byte[] b, int off, DecimalVector vector, int row) {
        int ndigits = CopyInput.int16(b, off);
        int weight = (short) CopyInput.int16(b, off + 2);
        int sign = CopyInput.int16(b, off + 4);
        if (sign != POSITIVE && sign != NEGATIVE) {
            throw new IllegalArgumentException("NaN or infinity, which a decimal cannot hold");
        }
        int scale = vector.getScale();
        if (ndigits <= 4) {
            long acc = 0;
            for (int i = 0; i < ndigits; i++) {
                acc = acc * 10_000 + CopyInput.int16(b, off + 8 + 2 * i);
            }
            int k = 4 * (ndigits - 1 - weight);
            if (ndigits == 0) {
                k = scale;
            }
            long unscaled = rescale(acc, k, scale);
            if (unscaled != Long.MIN_VALUE) {
                long value = sign == NEGATIVE ? -unscaled : unscaled;
                long at = vector.getDataBufferAddress() + (long) row * DecimalVector.TYPE_WIDTH;
                MemoryUtil.putLong(at, value);
                MemoryUtil.putLong(at + 8, value >> 63);
                Vectors.setValid(vector, row);
                return;
            }
        }
        vector.setSafe(row, decimal(b, off).setScale(scale, RoundingMode.UNNECESSARY));
    }

    /** {@code acc × 10^-from} at scale {@code to}, or {@link Long#MIN_VALUE} when a long cannot hold it exactly. */
    private static long rescale(long acc, int from, int to) {
        int shift = to - from;
        if (shift >= 0) {
            if (shift >= POW10.length || acc > Long.MAX_VALUE / POW10[shift]) {
                return Long.MIN_VALUE;
            }
            return acc * POW10[shift];
        }
        if (-shift >= POW10.length) {
            return acc == 0 ? 0 : Long.MIN_VALUE;
        }
        long divisor = POW10[-shift];
        return acc % divisor == 0 ? acc / divisor : Long.MIN_VALUE;
    }

    /** The value at {@code b[off..]}, exact ({@code NaN} and infinities fail). */
    static BigDecimal decimal(byte[] b, int off) {
        String text = text(b, off);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + ", which a decimal cannot hold", e);
        }
    }

    /** The value at {@code b[off..]} as PostgreSQL prints it ({@code NaN}, {@code Infinity} included). */
    static String text(byte[] b, int off) {
        int ndigits = CopyInput.int16(b, off);
        int weight = (short) CopyInput.int16(b, off + 2);
        int sign = CopyInput.int16(b, off + 4);
        int dscale = CopyInput.int16(b, off + 6);
        switch (sign) {
            case NAN -> {
                return "NaN";
            }
            case 0xD000 -> {
                return "Infinity";
            }
            case 0xF000 -> {
                return "-Infinity";
            }
            default -> {
                // a number
            }
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < ndigits; i++) {
            String group = Integer.toString(CopyInput.int16(b, off + 8 + 2 * i));
            digits.append("0".repeat(4 - group.length())).append(group);
        }
        // digits hold value × 10^(4 × (ndigits - 1 - weight))
        BigDecimal value = ndigits == 0 ? BigDecimal.ZERO
                : new BigDecimal(new java.math.BigInteger(digits.toString()), 4 * (ndigits - 1 - weight));
        value = value.setScale(dscale, RoundingMode.UNNECESSARY);
        return (sign == NEGATIVE ? value.negate() : value).toPlainString();
    }
}
