package dev.hygge.sqlite;

import dev.hygge.spi.OptionProblems;

/**
 * Options of a {@code sqlite} Home: the database file and a {@code table} or a {@code query}.
 *
 * <pre>{@code
 * home: {type: sqlite, path: data/app.db, table: "{entity}"}     # or query: "SELECT * FROM orders WHERE paid"
 * }</pre>
 */
public class SqliteHomeOptions {
    /** The database file; it must exist (a Home never creates one). */
    public String path;
    /** {@code table} or {@code schema.table}; {@code {entity}} is replaced by {@link #entity}. */
    public String table;
    /** A SELECT to read instead of a table ({@code {entity}} replaced too). */
    public String query;
    /** The entity this Home reads, replacing {@code {entity}}. */
    public String entity;
    /** Rows per Arrow batch. */
    public int batchSize = 100_000;
    /** How long a read waits for a writer's lock on the file (SQLite's busy timeout). */
    public int busyTimeoutMs = 30_000;

    public void check(OptionProblems problems) {
        SqliteFile.check(path, problems);
        dev.hygge.jdbc.SourceOptions.check(table, query, entity, problems);
        if (batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
        }
        if (busyTimeoutMs < 0) {
            problems.add("busy_timeout_ms", "busy_timeout_ms must be 0 or more, not " + busyTimeoutMs);
        }
    }

    /** The table or query with {@code {entity}} replaced. */
    String resolve(String text) {
        return dev.hygge.jdbc.SourceOptions.resolve(text, entity);
    }
}
