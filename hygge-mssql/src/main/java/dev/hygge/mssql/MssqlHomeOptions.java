package dev.hygge.mssql;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.OptionProblems;

/**
 * Options of a SQL Server Home: a {@code table} or a {@code query}, batch and fetch sizes, and
 * optionally a partitioned parallel read.
 *
 * <pre>{@code
 * home:
 *   type: mssql
 *   connection: warehouse
 *   table: "crm.{entity}"           # or query: "SELECT * FROM crm.Contact WHERE IsDeleted = 0"
 *   batch_size: 100000              # rows per Arrow batch
 *   fetch_size: 10000               # rows per round trip
 *   partition_column: Id            # an integer column: read as `partitions` key ranges in parallel
 *   partitions: 8
 * }</pre>
 */
public class MssqlHomeOptions {
    /** The named {@code mssql} connection. */
    public String connection;
    /** {@code table}, {@code schema.table} or {@code db.schema.table}; {@code {entity}} is replaced by {@link #entity}. */
    public String table;
    /** A SELECT to read instead of a table ({@code {entity}} replaced too). */
    public String query;
    /** The entity this Home reads, replacing {@code {entity}} (the project loader fills table/query itself). */
    public String entity;
    public int batchSize = 100_000;
    public int fetchSize = 10_000;
    /** An integer column whose min..max range is cut into {@link #partitions} splits read in parallel. */
    public String partitionColumn;
    public int partitions = 1;
    /** Seconds a query may run (0: no limit). */
    public int queryTimeout;

    /** Reports every problem of these settings to {@code problems}; changes nothing. */
    public void check(OptionProblems problems) {
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of an mssql connection");
        }
        dev.hygge.jdbc.SourceOptions.check(table, query, entity, problems);
        if (batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
        }
        if (fetchSize < 1) {
            problems.add("fetch_size", "fetch_size must be at least 1, not " + fetchSize);
        }
        dev.hygge.jdbc.SourceOptions.checkPartitions(partitionColumn, partitions, problems);
        if (queryTimeout < 0) {
            problems.add("query_timeout", "query_timeout must be 0 or more, not " + queryTimeout);
        }
    }

    /**
     * Checks as {@link #check} does; {@code where} names the Home.
     *
     * @throws ConfigException listing every problem
     */
    public MssqlHomeOptions validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
        return this;
    }

    /** The table or query with {@code {entity}} replaced. */
    String resolve(String text) {
        return dev.hygge.jdbc.SourceOptions.resolve(text, entity);
    }
}
