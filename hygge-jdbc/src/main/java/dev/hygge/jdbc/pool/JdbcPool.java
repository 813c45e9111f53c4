package dev.hygge.jdbc.pool;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hygge.spi.HyggeException;
import dev.hygge.jdbc.ConnectionSource;
import dev.hygge.spi.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named HikariCP pool: the {@link Connection} a SQL plugin's connection factory returns, shared
 * by every Home and Store of a run that names it, and a {@link ConnectionSource} for the
 * {@link dev.hygge.jdbc.TableWriter}.
 *
 * <pre>{@code
 * try (JdbcPool pool = JdbcPool.open("warehouse", options)) {
 *     TableWriter writer = TableWriter.builder(dialect).connections(pool)...build();
 * }
 * }</pre>
 *
 * <p>Connections are opened lazily: opening the pool does not touch the database, the first
 * {@link #open()} does.
 */
public final class JdbcPool implements Connection, ConnectionSource {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPool.class);

    private final String name;
    private final HikariDataSource dataSource;

    private JdbcPool(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** A pool named {@code name} (the pool's name in logs) with {@code options}, validated. */
    public static JdbcPool open(String name, PoolOptions options) {
        requireNonNull(name, "name is null");
        requireNonNull(options, "options is null");
        options.validate("connection '" + name + "'");
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(options.url);
        if (options.username != null) {
            config.setUsername(options.username);
        }
        if (options.password != null) {
            config.setPassword(options.password);
        }
        config.setMaximumPoolSize(options.maximumPoolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(options.connectionTimeoutMs);
        // fail on first use, with the driver's own message, rather than at start
        config.setInitializationFailTimeout(-1);
        if (options.properties != null) {
            options.properties.forEach(config::addDataSourceProperty);
        }
        return open(name, config);
    }

    /** A pool from a full HikariCP configuration (for what {@link PoolOptions} does not cover, e.g. token auth). */
    public static JdbcPool open(String name, HikariConfig config) {
        try {
            return new JdbcPool(name, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new HyggeException("connection '" + name + "': the pool cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** A connection from the pool; closing it returns it. */
    @Override
    public java.sql.Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (!dataSource.isClosed()) {
            LOG.debug("{} - closing pool", name);
            dataSource.close();
        }
    }
}
