package dev.hygge.mysql;

import dev.hygge.spi.OptionProblems;

/**
 * Options of a MySQL / MariaDB Home: a {@code table} or a {@code query}, batch and fetch sizes, and
 * optionally a read split by key ranges.
 *
 * <pre>{@code
 * home:
 *   type: mysql
 *   connection: shop
 *   table: "shop.{entity}"          # or query: "SELECT * FROM shop.orders WHERE status = 'paid'"
 *   batch_size: 100000              # rows per Arrow batch
 *   fetch_size: 10000               # rows the driver reads ahead from the stream
 *   partition_column: id            # an integer column: read as `partitions` key ranges in parallel
 *   partitions: 4
 * }</pre>
 */
public class MysqlHomeOptions {
    /** The named {@code mysql} connection. */
    public String connection;
    /** {@code table} or {@code database.table}; {@code {entity}} is replaced by {@link #entity}. */
    public String table;
    /** A SELECT to read instead of a table ({@code {entity}} replaced too). */
    public String query;
    /** The entity this Home reads, replacing {@code {entity}}. */
    public String entity;
    public int batchSize = 100_000;
    /** Rows per read from the stream; the driver streams the result rather than holding it whole. */
    public int fetchSize = 10_000;
    /** An integer column whose min..max range is cut into {@link #partitions} splits read in parallel. */
    public String partitionColumn;
    public int partitions = 1;
    /** Seconds a query may run (0: no limit). */
    public int queryTimeout;

    /** Reports every problem of these settings to {@code problems}; changes nothing. */
    public void check(OptionProblems problems) {
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of a mysql connection");
        }
        dev.hygge.jdbc.SourceOptions.check(table, query, entity, problems);
        if (batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
        }
        if (fetchSize < 1) {
            problems.add("fetch_size", "fetch_size must be at least 1 (the result is streamed), not " + fetchSize);
        }
        dev.hygge.jdbc.SourceOptions.checkPartitions(partitionColumn, partitions, problems);
        if (queryTimeout < 0) {
            problems.add("query_timeout", "query_timeout must be 0 or more, not " + queryTimeout);
        }
    }

    /** The table or query with {@code {entity}} replaced. */
    String resolve(String text) {
        return dev.hygge.jdbc.SourceOptions.resolve(text, entity);
    }
}
