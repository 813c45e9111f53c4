package dev.hygge.jdbc;

/**
 * What happens when a value no longer fits a column created earlier ({@code on_overflow:}).
 *
 * <pre>{@code
 * store: {type: mssql, table: dbo.users, on_overflow: widen}
 * }</pre>
 */
public enum OnOverflow {
    /** Default: fail with an error naming the column, the value's size and the limit. */
    FAIL,
    /** Alter the column to a size that fits (by the inference sizing rule) and go on. */
    WIDEN
}
