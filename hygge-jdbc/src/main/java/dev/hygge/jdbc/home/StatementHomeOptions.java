package dev.hygge.jdbc.home;

import dev.hygge.jdbc.SqlHomeOptions;
import dev.hygge.spi.OptionProblems;

/**
 * {@link SqlHomeOptions} for a Home that reads through a JDBC statement ({@link StatementHome}):
 * also how many rows a round trip fetches and how long a query may run.
 *
 * <pre>{@code
 * home: {type: mysql, connection: shop, table: orders, fetch_size: 10000, query_timeout: 600}
 * }</pre>
 */
public class StatementHomeOptions extends SqlHomeOptions {
    /** Rows per round trip (the statement's fetch size). */
    public int fetchSize = 10_000;
    /** Seconds a query may run (0: no limit). */
    public int queryTimeout;

    private final String fetchSizeNote;

    /**
     * @param connectionKind what {@code connection} must name: "a mysql connection"
     * @param fetchSizeNote said after "fetch_size must be at least 1" (may be empty)
     */
    protected StatementHomeOptions(String connectionKind, String fetchSizeNote) {
        super(connectionKind);
        this.fetchSizeNote = fetchSizeNote;
    }

    @Override
    public void check(OptionProblems problems) {
        checkSource(problems);
        if (fetchSize < 1) {
            problems.add("fetch_size", "fetch_size must be at least 1" + fetchSizeNote + ", not " + fetchSize);
        }
        checkPartitions(problems);
        if (queryTimeout < 0) {
            problems.add("query_timeout", "query_timeout must be 0 or more, not " + queryTimeout);
        }
    }
}
