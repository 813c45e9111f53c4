package dev.hygge.mssql;

import dev.hygge.spi.ConfigException;
import dev.hygge.jdbc.TableWriteOptions;
import dev.hygge.spi.OptionProblems;

/**
 * Options of a SQL Server Store: the shared table options ({@code table}, {@code if_exists},
 * {@code write_strategy}, {@code keys}, {@code on_overflow}, {@code schema_overrides},
 * {@code schema_inference}) plus bulk-copy settings.
 *
 * <pre>{@code
 * store:
 *   type: mssql
 *   connection: warehouse
 *   table: "stage.{entity}"
 *   if_exists: replace
 *   batch_size: 102400          # rows per bulk-copy transaction
 *   parallel_workers: 8         # bulk-copy streams, capped by the pool
 *   table_lock: auto            # auto | true | false
 *   table_options: {clustered_columnstore: true}
 * }</pre>
 */
public class MssqlStoreOptions extends TableWriteOptions {
    /** The named {@code mssql} connection. */
    public String connection;
    /** Rows per bulk-copy transaction; at 102,400 or more they go straight into compressed columnstore rowgroups. */
    public int batchSize = 102_400;
    /** Bulk-copy streams of one write; never more than the pool can give (one connection is kept for the final transaction). */
    public int parallelWorkers = 8;
    /** {@code auto} (default): TABLOCK only for a heap without indexes; {@code true} / {@code false} force it. */
    public String tableLock = "auto";
    /** Seconds one bulk-copy transaction may take (0: no limit). */
    public int bulkCopyTimeout;
    /** Retries of one batch after a transient fault (deadlock victim, dropped connection). */
    public int maxRetries = 3;
    /** Milliseconds before the first retry; doubled for each next one. */
    public long retryBackoffMs = 1000;
    public TableOptions tableOptions = new TableOptions();

    /** How tables hygge creates are built. */
    public static class TableOptions {
        /** A clustered columnstore index on created tables (SQL Server 2017+ for NVARCHAR(MAX) columns). */
        public boolean clusteredColumnstore = true;
    }

    /** {@code null} for auto, else the forced TABLOCK setting. */
    public Boolean tableLockSetting() {
        return switch (tableLock == null ? "auto" : tableLock.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> null;
            case "true", "on", "yes" -> Boolean.TRUE;
            case "false", "off", "no" -> Boolean.FALSE;
            default -> throw new ConfigException("table_lock must be auto, true or false, not '" + tableLock + "'");
        };
    }

    /**
     * Reports every problem to {@code problems}: the shared table options (overrides parsed as SQL
     * Server types), the connection name and the bulk-copy settings. Changes nothing.
     */
    public void check(OptionProblems problems) {
        check(problems, new MssqlTypeMapper());
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of an mssql connection");
        }
        if (batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + batchSize);
        }
        if (parallelWorkers < 1) {
            problems.add("parallel_workers", "parallel_workers must be at least 1, not " + parallelWorkers);
        }
        if (bulkCopyTimeout < 0) {
            problems.add("bulk_copy_timeout", "bulk_copy_timeout must be 0 (no limit) or more, not " + bulkCopyTimeout);
        }
        if (maxRetries < 0) {
            problems.add("max_retries", "max_retries must be 0 or more, not " + maxRetries);
        }
        if (retryBackoffMs < 0) {
            problems.add("retry_backoff_ms", "retry_backoff_ms must be 0 or more, not " + retryBackoffMs);
        }
        if (tableOptions == null) {
            problems.add("table_options", "table_options must be a map, e.g. {clustered_columnstore: true}");
        }
        try {
            tableLockSetting();
        } catch (ConfigException e) {
            problems.add("table_lock", e.getMessage());
        }
    }

    /**
     * Checks as {@link #check(OptionProblems)} does; {@code where} names the Store.
     *
     * @throws ConfigException listing every problem
     */
    @Override
    public void validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
    }
}
