package dev.hygge.jdbc.pool;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hygge.config.Secrets;
import dev.hygge.jdbc.ConnectionSource;
import dev.hygge.spi.Connection;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.SupportsConnectionTest;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named HikariCP pool: what a SQL plugin's connection is made of, shared by every Home and Store
 * of a run that names it, and a {@link ConnectionSource} for the {@link dev.hygge.jdbc.TableWriter}.
 *
 * <pre>{@code
 * JdbcPool pool = JdbcPool.open("warehouse", poolOptions);                          // a jdbc: URL
 * JdbcPool sql = JdbcPool.over("warehouse", sqlServerDataSource, options, options.toString()); // a driver's DataSource
 * try (java.sql.Connection c = pool.open()) { ... }   // waits at most connection_timeout
 * }</pre>
 *
 * <p>The pool opens lazily: opening it does not touch the database, the first {@link #open()}
 * does, so a run that never uses the connection does not need the server. No caller ever gets more
 * than {@link #poolSize()} connections; one that gets none within {@code connection_timeout} fails
 * with a message that says which of the two happened: nothing could be reached at all (the
 * server's own answer, secrets masked), or every connection was in use (what to raise).
 */
public final class JdbcPool implements Connection, ConnectionSource, SupportsConnectionTest {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPool.class);

    private final String name;
    private final HikariDataSource pool;
    private final String describe;

    private JdbcPool(String name, HikariDataSource pool, String describe) {
        this.name = name;
        this.pool = pool;
        this.describe = describe;
    }

    /** A pool named {@code name} over a {@code jdbc:} URL, with {@code options} validated first. */
    public static JdbcPool open(String name, PoolOptions options) {
        requireNonNull(name, "name is null");
        requireNonNull(options, "options is null");
        options.validate("connection '" + name + "'");
        HikariConfig config = config(name, options.poolSize, options.connectionTimeoutDuration());
        config.setJdbcUrl(options.url);
        if (options.username != null) {
            config.setUsername(options.username);
        }
        if (options.password != null) {
            config.setPassword(options.password);
        }
        options.properties.forEach(config::addDataSourceProperty);
        return start(name, config, options.toString());
    }

    /** A pool over a driver's own, configured {@link DataSource}, sized and timed by {@code settings}. */
    public static JdbcPool over(String name, DataSource dataSource, PoolSettings settings, String describe) {
        requireNonNull(settings, "settings is null");
        return over(name, dataSource, settings.poolSize, settings.connectionTimeoutDuration(), describe);
    }

    /**
     * A pool of at most {@code poolSize} connections over {@code dataSource}.
     *
     * @param describe what the pool reaches, for {@link #toString()}; must hold no secret
     */
    public static JdbcPool over(String name, DataSource dataSource, int poolSize, Duration connectionTimeout, String describe) {
        requireNonNull(name, "name is null");
        requireNonNull(dataSource, "dataSource is null");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        HikariConfig config = config(name, poolSize, connectionTimeout);
        config.setDataSource(dataSource);
        return start(name, config, describe);
    }

    private static HikariConfig config(String name, int poolSize, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hygge-" + name);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis())); // HikariCP's floor
        // Do not connect at start-up: fail on first use, with the driver's own message.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    private static JdbcPool start(String name, HikariConfig config, String describe) {
        try {
            return new JdbcPool(name, new HikariDataSource(config), describe);
        } catch (RuntimeException e) {
            throw new HyggeException("Connection '" + name + "': the pool cannot start: "
                    + Secrets.maskText(String.valueOf(e.getMessage())), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The most connections this pool gives out at once. */
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    /** The pool itself, for code that wants a {@link DataSource}. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * A pooled connection; closing it returns it.
     *
     * @throws SQLTransientConnectionException when none became free within the connection timeout,
     *     saying why and what to change
     */
    @Override
    public java.sql.Connection open() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            double seconds = pool.getConnectionTimeout() / 1000.0;
            Throwable failure = e.getCause();
            if (failure != null && pool.getHikariPoolMXBean().getTotalConnections() == 0) {
                // Nothing could be opened at all: the server's own answer is the useful part.
                throw new SQLTransientConnectionException("Connection '" + name + "': could not connect to the server within "
                        + seconds + " s: " + Secrets.maskText(String.valueOf(failure.getMessage()))
                        + ". Check server, port, database, the network and the credentials.", e.getSQLState(), e);
            }
            throw new SQLTransientConnectionException("Connection '" + name + "': no connection became free within "
                    + seconds + " s (pool_size " + poolSize() + ", in use " + pool.getHikariPoolMXBean().getActiveConnections()
                    + "). Raise pool_size or connection_timeout, or lower parallel_workers / max_parallel_flows. Pool says: "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Borrows one connection, since the pool opens lazily: that the server answered, and its version. */
    @Override
    public String test() {
        try (java.sql.Connection borrowed = open()) {
            if (!borrowed.isValid(10)) {
                throw new HyggeException("Connection '" + name + "': the server did not answer within 10 s; check the network");
            }
            DatabaseMetaData meta = borrowed.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new HyggeException(Secrets.maskText(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * Takes a returned connection out of the pool for good, after a fault that may have broken it:
     * the next {@link #open()} gets a fresh one.
     */
    public void evict(java.sql.Connection connection) {
        pool.evictConnection(connection);
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (!pool.isClosed()) {
            LOG.debug("{} - closing pool", name);
            pool.close();
        }
    }

    /** What the pool reaches, without secrets (as its opener described it). */
    public String describe() {
        return describe;
    }

    @Override
    public String toString() {
        return "JdbcPool[" + name + ": " + describe + "]";
    }
}
