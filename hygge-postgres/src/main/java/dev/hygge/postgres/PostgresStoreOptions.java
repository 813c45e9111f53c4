package dev.hygge.postgres;

import dev.hygge.jdbc.TableWriteOptions;
import dev.hygge.spi.OptionProblems;

/**
 * Options of a PostgreSQL Store: the shared table options ({@code table}, {@code if_exists},
 * {@code write_strategy}, {@code keys}, {@code on_overflow}, {@code schema_overrides},
 * {@code schema_inference}) plus how many COPY streams a write uses.
 *
 * <pre>{@code
 * store:
 *   type: postgres
 *   connection: warehouse
 *   table: "staging.{entity}"
 *   if_exists: replace
 *   parallel_workers: 4     # COPY streams into the staging table, capped by the pool
 * }</pre>
 */
public class PostgresStoreOptions extends TableWriteOptions {
    /** The named {@code postgres} connection. */
    public String connection;
    /** COPY streams of one write; never more than the pool can give (one connection is kept for the final transaction). */
    public int parallelWorkers = 4;

    /** Reports every problem to {@code problems}: the shared table options (overrides parsed as PostgreSQL types), the rest. */
    public void check(OptionProblems problems) {
        check(problems, new PostgresTypeMapper());
        if (connection == null || connection.isBlank()) {
            problems.add("connection", "option 'connection' is required: the name of a postgres connection");
        }
        if (parallelWorkers < 1) {
            problems.add("parallel_workers", "parallel_workers must be at least 1, not " + parallelWorkers);
        }
    }

    @Override
    public void validate(String where) {
        OptionProblems problems = new OptionProblems();
        check(problems);
        problems.throwIfAny(where);
    }
}
