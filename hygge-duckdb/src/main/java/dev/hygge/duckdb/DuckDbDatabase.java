package dev.hygge.duckdb;

import static java.util.Objects.requireNonNull;

import dev.hygge.ConfigException;
import dev.hygge.HyggeException;
import dev.hygge.spi.Connection;
import dev.hygge.spi.HyggeContext;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.BiFunction;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open DuckDB database (a file or {@code :memory:}): the named {@code duckdb} connection
 * that flows naming the same database share. Every Home stream and Store load works on its own
 * {@link #duplicate()} of it; closing the database closes the last handle.
 *
 * <pre>{@code
 * try (DuckDbDatabase db = DuckDbDatabase.open("warehouse", "warehouse.duckdb", false);
 *      java.sql.Connection c = db.duplicate()) {
 *     c.createStatement().execute("SELECT 42");
 * }
 * }</pre>
 */
public final class DuckDbDatabase implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbDatabase.class);
    public static final String MEMORY = ":memory:";

    private final String name;
    private final String path;
    private final DuckDBConnection root;
    private volatile boolean closed;

    private DuckDbDatabase(String name, String path, DuckDBConnection root) {
        this.name = name;
        this.path = path;
        this.root = root;
    }

    /**
     * Opens {@code path} ({@code :memory:} for a private in-memory database) with result streaming on.
     *
     * @throws HyggeException naming the file when it cannot be opened, e.g. locked by another process
     */
    public static DuckDbDatabase open(String name, String path, boolean readOnly) {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        Properties properties = new Properties();
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        if (readOnly) {
            properties.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        }
        String url = "jdbc:duckdb:" + (path.equals(MEMORY) ? "" : path);
        try {
            DuckDBConnection root = (DuckDBConnection) new DuckDBDriver().connect(url, properties);
            LOG.debug("{} - opened DuckDB database {}", name, path);
            return new DuckDbDatabase(name, path, root);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("lock")) {
                throw new HyggeException("DuckDB database " + path + " is locked by another process, so it cannot be"
                        + " opened: " + message + ". Close the program holding it and run again", e);
            }
            throw new HyggeException("DuckDB database " + path + " cannot be opened: " + message, e);
        }
    }

    /**
     * The database a Home or Store names: the named duckdb {@code connection} of the run, or the
     * file at {@code path}, opened here (the caller then owns and closes it). Giving both or
     * neither is a {@link ConfigException}; a file that cannot be opened is reported through
     * {@code failure} (the caller's {@code HomeException} or {@code StoreException}).
     *
     * @param where the Home or Store, for messages ({@code "Store 'duckdb'"})
     * @param role the name the opened database is logged under ({@code "home"}, {@code "store"})
     */
    static DuckDbDatabase resolve(String connection, String path, HyggeContext context, String where, String role,
                                  BiFunction<String, Throwable, ? extends HyggeException> failure) {
        if (connection != null && path != null) {
            throw new ConfigException(where + ": give either path or connection, not both");
        }
        if (connection != null) {
            return context.connection(connection, DuckDbDatabase.class);
        }
        if (path == null || path.isBlank()) {
            throw new ConfigException(where + ": give path (a database file) or connection (a named duckdb connection)");
        }
        try {
            return open(role, path, false);
        } catch (HyggeException e) {
            throw failure.apply(where + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The database file, or {@code :memory:}. */
    public String path() {
        return path;
    }

    /** A new connection to this database; the caller closes it. */
    public DuckDBConnection duplicate() throws SQLException {
        if (closed) {
            throw new SQLException("DuckDB database " + path + " (connection '" + name + "') is closed");
        }
        return root.duplicate();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } catch (SQLException e) {
            LOG.warn("{} - closing DuckDB database {} failed: {}", name, path, e.getMessage());
        }
    }
}
