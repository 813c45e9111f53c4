package dev.hygge.parquet;

/**
 * What the file Home does with a CSV row it cannot read (a value that is not of its column's type,
 * too few or too many columns, a broken quote).
 *
 * <pre>{@code
 * home: {type: parquet, path: landing/orders.csv, on_bad_row: file}
 * }</pre>
 */
public enum OnBadRow {
    /** The default: the flow fails, naming the file, the line, the column and the reason; nothing is written. */
    FAIL,
    /** The row is left out; the count and the first rows' file and line are logged as a warning. */
    SKIP,
    /** As {@code skip}, and every bad row is written, with its file, line, column and reason, to a rejects file. */
    FILE
}
