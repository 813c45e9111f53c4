package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.pool.JdbcPool;
import dev.hygge.spi.Connection;
import dev.hygge.spi.SupportsConnectionTest;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A named SQL Server connection: hygge-jdbc's {@link JdbcPool} (HikariCP) over the driver's data
 * source ({@link MssqlDataSource}), shared by every Home and Store of a run that names it, closed
 * when the run ends. Its own type, so that an {@code mssql} Home or Store is never handed another
 * database's pool.
 *
 * <pre>{@code
 * MssqlConnection sql = MssqlConnection.open("warehouse", options);
 * try (java.sql.Connection c = sql.connection()) { ... }   // waits at most connection_timeout
 * sql.close();
 * }</pre>
 *
 * <p>Workers never take more than {@link #poolSize()} connections: Stores and Homes cap their
 * parallelism by it. Azure AD tokens are fetched per login by an {@link AzureTokenCallback}, so
 * pooled connections opened hours later still log in.
 */
public final class MssqlConnection implements Connection, SupportsConnectionTest {
    private final JdbcPool pool;

    private MssqlConnection(JdbcPool pool) {
        this.pool = pool;
    }

    /** Opens the pool for {@code options} (validated); no connection is made until one is asked for. */
    public static MssqlConnection open(String name, MssqlConnectionOptions options) {
        requireNonNull(name, "name is null");
        options.validate("Connection '" + name + "'");
        return new MssqlConnection(JdbcPool.over(name, MssqlDataSource.of(name, options), options, options.toString()));
    }

    /** A pool over any data source (tests use H2 for what does not need SQL Server itself). */
    static MssqlConnection pooled(String name, DataSource dataSource, int poolSize, long timeoutMillis, String describe) {
        return new MssqlConnection(JdbcPool.over(name, dataSource, poolSize, Duration.ofMillis(timeoutMillis), describe));
    }

    @Override
    public String name() {
        return pool.name();
    }

    /** The most connections this pool gives out at once. */
    public int poolSize() {
        return pool.poolSize();
    }

    /** The pool, for what takes a {@link dev.hygge.jdbc.ConnectionSource} or a {@link DataSource}. */
    public JdbcPool pool() {
        return pool;
    }

    /** A pooled connection; close it to return it. See {@link JdbcPool#open()} for what a timeout says. */
    public java.sql.Connection connection() throws SQLException {
        return pool.open();
    }

    @Override
    public String test() {
        return pool.test();
    }

    /** Takes a returned connection out of the pool for good, after a fault that may have broken it. */
    void evict(java.sql.Connection connection) {
        pool.evict(connection);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "MssqlConnection[" + pool.name() + ": " + pool.describe() + "]";
    }
}
