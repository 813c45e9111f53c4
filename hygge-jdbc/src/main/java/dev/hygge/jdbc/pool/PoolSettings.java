package dev.hygge.jdbc.pool;

import dev.hygge.spi.OptionProblems;
import java.time.Duration;

/**
 * The two settings every pooled SQL connection has, under the same keys whatever the database, so
 * a project reads alike for SQL Server, PostgreSQL and MySQL. A plugin's connection options extend
 * this class and add how to reach their server.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: mssql, server: db, database: dw, pool_size: 8, connection_timeout: 30}
 * }</pre>
 */
public class PoolSettings {
    /** Connections the pool holds at most: the most every Home and Store naming the connection use at once. */
    public int poolSize = 8;
    /** Seconds to wait for a free pooled connection before failing. */
    public int connectionTimeout = 30;

    /** {@link #connectionTimeout} as a duration. */
    public Duration connectionTimeoutDuration() {
        return Duration.ofSeconds(connectionTimeout);
    }

    /** Reports a bad pool size or timeout to {@code problems}, each at its own key; changes nothing. */
    public void checkPool(OptionProblems problems) {
        if (poolSize < 1) {
            problems.add("pool_size", "pool_size must be at least 1, not " + poolSize);
        }
        if (connectionTimeout < 1) {
            problems.add("connection_timeout", "connection_timeout must be at least 1 second, not " + connectionTimeout);
        }
    }
}
