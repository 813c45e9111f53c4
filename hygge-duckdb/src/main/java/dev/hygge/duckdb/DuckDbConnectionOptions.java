package dev.hygge.duckdb;

/**
 * Options of a named {@code duckdb} connection.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: duckdb, path: data/warehouse.duckdb}
 * }</pre>
 */
public class DuckDbConnectionOptions {
    /** The database file, or {@code :memory:}. */
    public String path = DuckDbDatabase.MEMORY;
    public boolean readOnly;
    /** DuckDB's {@code memory_limit} for the database, as the Store's ({@link DuckDbStoreOptions#memoryLimit}). */
    public String memoryLimit;
}
