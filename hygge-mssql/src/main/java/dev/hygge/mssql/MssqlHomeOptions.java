package dev.hygge.mssql;

import dev.hygge.jdbc.home.StatementHomeOptions;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.OptionProblems;

/**
 * Options of a SQL Server Home: a {@code table} ({@code table}, {@code schema.table} or
 * {@code db.schema.table}) or a {@code query}, batch and fetch sizes, and optionally a partitioned
 * parallel read; the keys and their checks are hygge-jdbc's {@link StatementHomeOptions}.
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
public class MssqlHomeOptions extends StatementHomeOptions {
    public MssqlHomeOptions() {
        super("an mssql connection", "");
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
}
