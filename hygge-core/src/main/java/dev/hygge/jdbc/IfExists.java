package dev.hygge.jdbc;

/**
 * What a table Store does when the table already exists ({@code if_exists:}).
 *
 * <pre>{@code
 * store: {type: duckdb, table: users, if_exists: replace}
 * }</pre>
 */
public enum IfExists {
    /** Add the rows to the table (default); new nullable source columns are added to it. */
    APPEND,
    /** Replace the table with one holding only the new rows. */
    REPLACE,
    /** Empty the table, keep its definition, then add the rows. */
    TRUNCATE,
    /** Fail without writing anything when the table exists. */
    FAIL
}
