package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.config.Secrets;
import dev.hygge.jdbc.pool.JdbcPool;
import dev.hygge.spi.Connection;
import dev.hygge.spi.SupportsConnectionTest;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import javax.sql.DataSource;

/**
 * A named MySQL or MariaDB connection: hygge-jdbc's {@link JdbcPool} (HikariCP) over MariaDB
 * Connector/J's data source ({@link MysqlDataSource}), shared by every Home and Store of a run that
 * names it, closed when the run ends.
 *
 * <pre>{@code
 * MysqlConnection shop = MysqlConnection.open("shop", options);
 * try (java.sql.Connection c = shop.connection()) { ... }
 * shop.close();
 * }</pre>
 *
 * <p>An unreachable server fails fast: until the pool has reached the server once, each
 * {@link #connection()} first connects through the driver itself, which answers within
 * {@code connect_timeout} (a refused connection or an unknown host at once) with the server's or
 * the network's own message, rather than the pool retrying for its {@code connection_timeout}.
 */
public final class MysqlConnection implements Connection, SupportsConnectionTest {
    private final JdbcPool pool;
    private final DataSource direct;
    private final String address;
    private volatile boolean reached;

    private MysqlConnection(JdbcPool pool, DataSource direct, String address) {
        this.pool = pool;
        this.direct = direct;
        this.address = address;
    }

    /** Opens the pool for {@code options} (validated); no connection is made until one is asked for. */
    public static MysqlConnection open(String name, MysqlConnectionOptions options) {
        requireNonNull(name, "name is null");
        options.validate("Connection '" + name + "'");
        DataSource ds = MysqlDataSource.of(name, options);
        return new MysqlConnection(JdbcPool.over(name, ds, options, options.toString()), ds, options.address());
    }

    @Override
    public String name() {
        return pool.name();
    }

    /** The most connections this pool gives out at once. */
    public int poolSize() {
        return pool.poolSize();
    }

    /** host:port/database. */
    public String address() {
        return address;
    }

    /**
     * A pooled connection; close it to return it. Before the server was reached once, a failure
     * to connect is the driver's own answer within {@code connect_timeout}.
     */
    public java.sql.Connection connection() throws SQLException {
        if (!reached) {
            try (java.sql.Connection probe = direct.getConnection()) {
                reached = true;
            } catch (SQLException e) {
                throw new SQLNonTransientConnectionException("Connection '" + name() + "': could not connect to " + address
                        + ": " + Secrets.maskText(String.valueOf(e.getMessage()))
                        + ". Check host, port, database, the network and the credentials.", e.getSQLState(), e.getErrorCode(), e);
            }
        }
        return pool.open();
    }

    /** A connection of its own, outside the pool (the Store's server lock); close it to end its session. */
    java.sql.Connection direct() throws SQLException {
        try {
            return direct.getConnection();
        } catch (SQLException e) {
            throw new SQLNonTransientConnectionException("Connection '" + name() + "': could not connect to " + address
                    + ": " + Secrets.maskText(String.valueOf(e.getMessage())), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    @Override
    public String test() {
        try {
            connection().close();
        } catch (SQLException e) {
            throw new dev.hygge.spi.HyggeException(e.getMessage(), e);
        }
        return pool.test();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "MysqlConnection[" + pool.name() + ": " + pool.describe() + "]";
    }
}
