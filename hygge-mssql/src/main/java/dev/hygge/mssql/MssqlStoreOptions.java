package dev.hygge.mssql;

import dev.hygge.ConfigException;
import dev.hygge.jdbc.TableWriteOptions;

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

    @Override
    public void validate(String where) {
        super.validate(where);
        if (connection == null || connection.isBlank()) {
            throw new ConfigException(where + ": option 'connection' is required: the name of an mssql connection");
        }
        if (batchSize < 1) {
            throw new ConfigException(where + ": batch_size must be at least 1, not " + batchSize);
        }
        if (parallelWorkers < 1) {
            throw new ConfigException(where + ": parallel_workers must be at least 1, not " + parallelWorkers);
        }
        if (bulkCopyTimeout < 0 || maxRetries < 0 || retryBackoffMs < 0) {
            throw new ConfigException(where + ": bulk_copy_timeout, max_retries and retry_backoff_ms must be 0 or more");
        }
        tableOptions = tableOptions == null ? new TableOptions() : tableOptions;
        try {
            tableLockSetting();
        } catch (ConfigException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }
}
