package dev.hygge.sqlite;

import dev.hygge.jdbc.TableWriteOptions;

/**
 * Options of a {@code sqlite} Store: the database file, rows per insert batch, plus every table
 * option of {@link TableWriteOptions}. The original hygge's keys ({@code path, table, batch_size})
 * mean what they meant there.
 *
 * <pre>{@code
 * store: {type: sqlite, path: data/warehouse.db, table: "{entity}", batch_size: 10000, if_exists: replace}
 * }</pre>
 */
public class SqliteStoreOptions extends TableWriteOptions {
    /** The database file; created (with its folder) when missing. */
    public String path;
    /** Rows per {@code executeBatch} of the prepared insert; every batch of one load is one transaction. */
    public int batchSize = 10_000;
    /** How long a statement waits for another connection's lock on the file before failing (SQLite's busy timeout). */
    public int busyTimeoutMs = 30_000;
}
