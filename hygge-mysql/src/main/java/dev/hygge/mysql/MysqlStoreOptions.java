package dev.hygge.mysql;

import dev.hygge.jdbc.TableWriteOptions;
import dev.hygge.spi.OptionProblems;

/**
 * Options of a MySQL / MariaDB Store: the shared table options ({@code table}, {@code if_exists},
 * {@code write_strategy}, {@code keys}, {@code on_overflow}, {@code schema_overrides},
 * {@code schema_inference}) plus how many streams load at once.
 *
 * <pre>{@code
 * store:
 *   type: mysql
 *   connection: shop
 *   table: "warehouse.{entity}"      # database.table, or table in the connection's database
 *   if_exists: replace
 *   parallel_workers: 2              # LOAD DATA streams into one staging table (default 1), capped by the pool
 * }</pre>
 */
public class MysqlStoreOptions extends TableWriteOptions {
    /** The named {@code mysql} connection. */
    public String connection;
    /**
     * LOAD DATA streams of one write into its staging table; never more than the pool gives besides
     * the connection that applies the write. Default 1: on the 2-core test server two streams took
     * longer than one (the server's inserts, not the stream, bound the load); raise it for a server
     * with cores to spare.
     */
    public int parallelWorkers = 1;
    /** Rows per batch when the server forbids LOAD DATA LOCAL and rows are inserted instead. */
    public int insertBatchRows = 1_000;

    /** Reports every problem to {@code problems}: the shared table options (overrides as MySQL types) and the Store's own. */
    public void check(OptionProblems problems) {
        check(problems, new MysqlTypeMapper());
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of a mysql connection");
        }
        if (parallelWorkers < 1) {
            problems.add("parallel_workers", "parallel_workers must be at least 1, not " + parallelWorkers);
        }
        if (insertBatchRows < 1) {
            problems.add("insert_batch_rows", "insert_batch_rows must be at least 1, not " + insertBatchRows);
        }
    }

    @Override
    public void validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
    }
}
