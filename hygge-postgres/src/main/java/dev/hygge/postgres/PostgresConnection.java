package dev.hygge.postgres;

import static java.util.Objects.requireNonNull;

import dev.hygge.config.Secrets;
import dev.hygge.jdbc.pool.JdbcPool;
import dev.hygge.spi.Connection;
import dev.hygge.spi.SupportsConnectionTest;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A named PostgreSQL connection: hygge-jdbc's {@link JdbcPool} (HikariCP) over pgjdbc's
 * {@link PGSimpleDataSource}, shared by every Home and Store of a run that names it, closed when
 * the run ends. Its own type, so that a {@code postgres} Home or Store is never handed another
 * database's pool.
 *
 * <pre>{@code
 * PostgresConnection pg = PostgresConnection.open("warehouse", options);
 * try (java.sql.Connection c = pg.connection()) { ... }
 * pg.close();
 * }</pre>
 */
public final class PostgresConnection implements Connection, SupportsConnectionTest {
    private final JdbcPool pool;
    private final String database;
    private final DataSource direct;
    private volatile boolean reached;

    private PostgresConnection(JdbcPool pool, String database, DataSource direct) {
        this.pool = pool;
        this.database = database;
        this.direct = direct;
    }

    /** Opens the pool for {@code options} (validated); no connection is made until one is asked for. */
    public static PostgresConnection open(String name, PostgresConnectionOptions options) {
        requireNonNull(name, "name is null");
        options.validate("Connection '" + name + "'");
        PGSimpleDataSource ds = dataSource(options);
        return new PostgresConnection(JdbcPool.over(name, ds, options, options.toString()), options.address(), ds);
    }

    /** A pool of {@code poolSize} over a {@code jdbc:postgresql:} URL (tests, benchmarks). */
    public static PostgresConnection ofUrl(String name, String url, int poolSize) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setConnectTimeout(5);
        ds.setLoginTimeout(5);
        return new PostgresConnection(JdbcPool.over(name, ds, poolSize, java.time.Duration.ofSeconds(30), url),
                String.join(",", ds.getServerNames()) + ":" + ds.getPortNumbers()[0] + "/" + ds.getDatabaseName(), ds);
    }

    /** pgjdbc's data source for {@code options} (already validated). */
    static PGSimpleDataSource dataSource(PostgresConnectionOptions options) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {options.host});
        ds.setPortNumbers(new int[] {options.port});
        ds.setDatabaseName(options.database);
        if (options.user != null) {
            ds.setUser(options.user);
        }
        if (options.password != null) {
            ds.setPassword(options.password);
        }
        if (options.schema != null) {
            ds.setCurrentSchema(options.schema);
        }
        ds.setConnectTimeout(options.connectTimeout);
        ds.setLoginTimeout(options.connectTimeout);
        ds.setSocketTimeout(options.socketTimeout);
        ds.setApplicationName(options.applicationName);
        for (Map.Entry<String, String> property : options.options.entrySet()) {
            try {
                ds.setProperty(property.getKey(), property.getValue());
            } catch (SQLException e) {
                throw new dev.hygge.spi.ConfigException("option '" + property.getKey() + "' is not a pgjdbc property: "
                        + e.getMessage(), e);
            }
        }
        return ds;
    }

    @Override
    public String name() {
        return pool.name();
    }

    /** {@code host:port/database}: the first half of each table's lock key. */
    public String database() {
        return database;
    }

    /** The most connections this pool gives out at once. */
    public int poolSize() {
        return pool.poolSize();
    }

    /** The pool, for what takes a {@link dev.hygge.jdbc.ConnectionSource} or a {@link DataSource}. */
    public JdbcPool pool() {
        return pool;
    }

    /**
     * A pooled connection; close it to return it. See {@link JdbcPool#open()} for what a timeout says.
     * Until the server has answered once, the first call logs in directly (bounded by
     * {@code connect_timeout}), so a refused port or an unknown host fails in seconds with the
     * driver's answer instead of after the pool's {@code connection_timeout} of retries.
     */
    public java.sql.Connection connection() throws SQLException {
        if (!reached) {
            try (java.sql.Connection probe = direct.getConnection()) {
                reached = true;
            } catch (SQLException e) {
                throw new java.sql.SQLTransientConnectionException("Connection '" + name() + "': could not connect to the"
                        + " server " + database + ": " + sentence(Secrets.maskText(answer(e))) + " Check host, port, database,"
                        + " the network and the credentials.", e.getSQLState(), e);
            }
        }
        return pool.open();
    }

    /** A connection of its own, outside the pool (the advisory lock's session); close it to end the session. */
    java.sql.Connection direct() throws SQLException {
        return direct.getConnection();
    }

    /** {@code text} ending in one full stop. */
    static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }

    /** The driver's message and, where it only says that the attempt failed, the cause's ({@code UnknownHostException: db}). */
    private static String answer(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return text.toString();
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
        return "PostgresConnection[" + pool.name() + ": " + pool.describe() + "]";
    }
}
