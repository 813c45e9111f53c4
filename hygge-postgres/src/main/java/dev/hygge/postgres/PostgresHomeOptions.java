package dev.hygge.postgres;

import dev.hygge.spi.OptionProblems;

/**
 * Options of a PostgreSQL Home: a {@code table} or a {@code query}, the batch size, and
 * optionally a read split into key ranges read in parallel.
 *
 * <pre>{@code
 * home:
 *   type: postgres
 *   connection: warehouse
 *   table: "crm.{entity}"           # or query: "SELECT * FROM crm.contact WHERE NOT deleted"
 *   batch_size: 100000              # rows per Arrow batch
 *   partition_column: id            # an integer column: read as `partitions` key ranges in parallel
 *   partitions: 4
 * }</pre>
 */
public class PostgresHomeOptions {
    /** The named {@code postgres} connection. */
    public String connection;
    /** {@code table} or {@code schema.table}; {@code {entity}} is replaced by {@link #entity}. */
    public String table;
    /** A SELECT to read instead of a table ({@code {entity}} replaced too). */
    public String query;
    /** The entity this Home reads, replacing {@code {entity}}. */
    public String entity;
    public int batchSize = 100_000;
    /** An integer column whose min..max range is cut into {@link #partitions} splits read in parallel. */
    public String partitionColumn;
    public int partitions = 1;

    /** Reports every problem of these settings to {@code problems}; changes nothing. */
    public void check(OptionProblems problems) {
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of a postgres connection");
        }
        dev.hygge.jdbc.SourceOptions.check(table, query, entity, problems);
        if (batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
        }
        dev.hygge.jdbc.SourceOptions.checkPartitions(partitionColumn, partitions, problems);
    }

    /** The table or query with {@code {entity}} replaced. */
    String resolve(String text) {
        return dev.hygge.jdbc.SourceOptions.resolve(text, entity);
    }
}
