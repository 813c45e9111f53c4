package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Key-range split planning shared by the SQL Homes that read a table in parallel on an integer
 * {@code partition_column}: the range {@code [min, max]} cut into up to {@code partitions}
 * contiguous pieces, each a {@code WHERE} condition and a description for messages. NULL keys go
 * with the first piece, so every row is read exactly once.
 *
 * <pre>{@code
 * KeyRanges.plan(BigInteger.ONE, BigInteger.valueOf(10), 2, "\"id\"", "id", "table t",
 *         (where, describe) -> new MySplit(select(where), describe));
 * // ("id" IS NULL OR "id" >= 1 AND "id" < 6)   "table t [id 1..6)"
 * // ("id" >= 6 AND "id" <= 10)                 "table t [id 6..10]"
 * }</pre>
 *
 * @since 0.1
 */
public final class KeyRanges {
    private KeyRanges() {}

    /** Makes one split of a plan from its condition and its description. */
    @FunctionalInterface
    public interface SplitMaker<S> {
        /**
         * The split reading the rows where {@code where} holds.
         *
         * @param where the condition, parenthesised, with the column as quoted by the caller
         * @param describe the caller's description followed by the range, e.g. {@code "t [id 1..6)"}
         */
        S split(String where, String describe);
    }

    /**
     * Up to {@code partitions} contiguous ranges covering {@code [min, max]} (never more than the
     * span holds); NULL keys go with the first.
     *
     * @param min the smallest key, no greater than {@code max}
     * @param max the largest key
     * @param partitions how many pieces are wanted, at least 1
     * @param quotedColumn the column as it goes in the SQL (quoted by the dialect)
     * @param column the column as the user named it, for descriptions
     * @param describe what is read, for descriptions ({@code "table t"})
     * @param maker makes each split
     */
    public static <S> List<S> plan(BigInteger min, BigInteger max, int partitions, String quotedColumn, String column,
            String describe, SplitMaker<S> maker) {
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        requireNonNull(maker, "maker is null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger parts = BigInteger.valueOf(partitions).min(span);
        BigInteger step = span.add(parts).subtract(BigInteger.ONE).divide(parts);
        List<S> splits = new ArrayList<>();
        BigInteger lo = min;
        for (int i = 0; lo.compareTo(max) <= 0; i++) {
            BigInteger hi = lo.add(step);
            boolean last = hi.compareTo(max) > 0;
            String where = (i == 0 ? "(" + quotedColumn + " IS NULL OR " : "(") + quotedColumn + " >= " + lo
                    + (last ? " AND " + quotedColumn + " <= " + max : " AND " + quotedColumn + " < " + hi) + ")";
            splits.add(maker.split(where, describe + " [" + column + " " + lo + ".." + (last ? max + "]" : hi + ")")));
            lo = hi;
        }
        return splits;
    }

    /** The smallest and the largest key of a {@code partition_column}. */
    public record Bounds(BigInteger min, BigInteger max) {}

    /**
     * Reads the one row of {@code SELECT MIN(col), MAX(col) FROM ...}: empty when the column holds no value
     * (no row, or only NULLs), when the read is one split.
     *
     * @param describe what is read, for messages ({@code "mysql shop table t"})
     * @param column the partition column as the user named it
     * @param integers the source's integer types, for the message ({@code " (int, bigint, decimal(p,0)...)"}, or {@code ""})
     * @throws ConfigException when the column is not an integer column ({@link #isInteger}) or holds a value
     *     that is not an integer
     */
    public static Optional<Bounds> bounds(ResultSet range, String describe, String column, String integers)
            throws SQLException {
        ResultSetMetaData metadata = range.getMetaData();
        if (!isInteger(metadata.getColumnType(1), metadata.getScale(1))) {
            throw new ConfigException(describe + ": partition_column '" + column + "' is "
                    + metadata.getColumnTypeName(1) + "; it must be an integer column" + integers);
        }
        BigDecimal lo = range.next() ? range.getBigDecimal(1) : null;
        BigDecimal hi = lo == null ? null : range.getBigDecimal(2);
        if (lo == null) {
            return Optional.empty();
        }
        return Optional.of(new Bounds(integer(lo, metadata, describe, column, integers),
                integer(hi, metadata, describe, column, integers)));
    }

    /**
     * The key as an integer. A driver may report an aggregate of a decimal column with scale 0 (PostgreSQL's
     * {@code MIN(numeric(12,2))} has lost the column's scale), so the values say what the metadata did not.
     */
    private static BigInteger integer(BigDecimal key, ResultSetMetaData metadata, String describe, String column,
            String integers) throws SQLException {
        try {
            return key.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ConfigException(describe + ": partition_column '" + column + "' is " + metadata.getColumnTypeName(1)
                    + " holding " + key.toPlainString() + ", not an integer; it must be an integer column" + integers);
        }
    }

    /**
     * Whether a column of JDBC {@code type} (a {@link Types} constant) and {@code scale} holds
     * integers only: the integer types, and DECIMAL/NUMERIC of scale 0.
     */
    public static boolean isInteger(int type, int scale) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
            case Types.DECIMAL, Types.NUMERIC -> scale == 0;
            default -> false;
        };
    }
}
