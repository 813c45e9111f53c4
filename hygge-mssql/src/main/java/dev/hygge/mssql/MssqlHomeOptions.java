package dev.hygge.mssql;

import dev.hygge.ConfigException;

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

    /** Checks the settings; {@code where} names the Home. */
    public MssqlHomeOptions validate(String where) {
        if (connection == null || connection.isBlank()) {
            throw new ConfigException(where + ": option 'connection' is required: the name of an mssql connection");
        }
        boolean hasTable = table != null && !table.isBlank();
        boolean hasQuery = query != null && !query.isBlank();
        if (hasTable == hasQuery) {
            throw new ConfigException(where + ": give exactly one of 'table' or 'query'");
        }
        for (String text : new String[] {table, query}) {
            if (text != null && text.contains("{entity}") && (entity == null || entity.isBlank())) {
                throw new ConfigException(where + ": '" + text + "' uses {entity} but no entity is set; add entities: to the flow");
            }
        }
        if (batchSize < 1 || fetchSize < 1) {
            throw new ConfigException(where + ": batch_size and fetch_size must be at least 1");
        }
        if (partitions < 1) {
            throw new ConfigException(where + ": partitions must be at least 1, not " + partitions);
        }
        if (partitions > 1 && (partitionColumn == null || partitionColumn.isBlank())) {
            throw new ConfigException(where + ": partitions " + partitions + " needs partition_column (an integer column)");
        }
        if (queryTimeout < 0) {
            throw new ConfigException(where + ": query_timeout must be 0 or more");
        }
        return this;
    }

    /** The table or query with {@code {entity}} replaced. */
    String resolve(String text) {
        return text == null ? null : entity == null ? text : text.replace("{entity}", entity);
    }
}
