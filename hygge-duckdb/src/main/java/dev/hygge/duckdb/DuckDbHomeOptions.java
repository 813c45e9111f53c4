package dev.hygge.duckdb;

/**
 * Options of a {@code duckdb} Home: where the database is ({@code path} or a named
 * {@code connection}) and what to read ({@code table} or {@code query}; {@code {entity}} in
 * either is replaced by {@code entity}).
 *
 * <pre>{@code
 * home: {type: duckdb, path: warehouse.duckdb, query: "SELECT * FROM raw.{entity} WHERE day > DATE '2025-01-01'"}
 * }</pre>
 */
public class DuckDbHomeOptions {
    public String path;
    public String connection;
    /** A table ({@code table} or {@code schema.table}). */
    public String table;
    /** A query; one of table and query. */
    public String query;
    /** Replaces {@code {entity}} in table and query. */
    public String entity;
    /** Rows per Arrow batch. */
    public int batchSize = 122_880;
}
