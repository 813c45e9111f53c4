package dev.hygge.jdbc;

import dev.hygge.spi.OptionProblems;

/**
 * The options every pooled SQL Home shares, under the same keys whatever the database: the named
 * {@code connection}, a {@code table} or a {@code query}, the batch size, and optionally a read cut
 * into key ranges read in parallel. A plugin's Home options extend this class (or hygge-jdbc's
 * {@code StatementHomeOptions}, which adds {@code fetch_size} and {@code query_timeout}).
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
public class SqlHomeOptions {
    /** The named connection, of the Home's own type. */
    public String connection;
    /** The table to read, as the database qualifies it; {@code {entity}} is replaced by {@link #entity}. */
    public String table;
    /** A SELECT to read instead of a table ({@code {entity}} replaced too). */
    public String query;
    /** The entity this Home reads, replacing {@code {entity}} (the project loader fills table/query itself). */
    public String entity;
    /** Rows per Arrow batch. */
    public int batchSize = 100_000;
    /** An integer column whose min..max range is cut into {@link #partitions} splits read in parallel. */
    public String partitionColumn;
    public int partitions = 1;

    private final String connectionKind;

    /** @param connectionKind what {@code connection} must name, as the error says it: "an mssql connection" */
    protected SqlHomeOptions(String connectionKind) {
        this.connectionKind = connectionKind;
    }

    /** Reports every problem of these settings to {@code problems}; changes nothing. */
    public void check(OptionProblems problems) {
        checkSource(problems);
        checkPartitions(problems);
    }

    /** Reports a missing connection, a wrong table or query ({@link SourceOptions#check}) and a bad batch size. */
    protected final void checkSource(OptionProblems problems) {
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of " + connectionKind);
        }
        SourceOptions.check(table, query, entity, problems);
        if (batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
        }
    }

    /** Reports a bad partition count ({@link SourceOptions#checkPartitions}). */
    protected final void checkPartitions(OptionProblems problems) {
        SourceOptions.checkPartitions(partitionColumn, partitions, problems);
    }

    /** The table or query with {@code {entity}} replaced. */
    public String resolve(String text) {
        return SourceOptions.resolve(text, entity);
    }
}
