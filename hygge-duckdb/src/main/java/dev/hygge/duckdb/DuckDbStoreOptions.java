package dev.hygge.duckdb;

import dev.hygge.jdbc.TableWriteOptions;

/**
 * Options of a {@code duckdb} Store: where the database is ({@code path} or a named
 * {@code connection}), plus every table option of {@link TableWriteOptions}.
 *
 * <pre>{@code
 * store: {type: duckdb, path: warehouse.duckdb, table: "raw.{entity}", if_exists: replace}
 * }</pre>
 */
public class DuckDbStoreOptions extends TableWriteOptions {
    /** The database file ({@code :memory:} for a private in-memory one); or give {@link #connection}. */
    public String path;
    /** A named {@code duckdb} connection shared with other flows. */
    public String connection;
    /** Streams one write loads at once (each on its own DuckDB connection). */
    public int maxStreams = 1;
    /**
     * DuckDB's {@code memory_limit} for the database at {@code path} ({@link dev.hygge.spi.MemoryLimit}: {@code 2GB},
     * {@code 30%}); unset, {@link DuckDbDatabase#DEFAULT_MEMORY_LIMIT} for a file, DuckDB's own (80 % of the
     * memory) for {@code :memory:}. A database of a named {@code connection} has the connection's.
     */
    public String memoryLimit;
}
