package dev.hygge.parquet;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * An embedded in-memory DuckDB database that a Home or Store reads or writes parquet with. Each
 * split or stream takes a connection of its own ({@link #connect()}); the database and its
 * thread pool are shared.
 *
 * <pre>{@code
 * try (DuckDb duckdb = DuckDb.open(2, "1GB");
 *      DuckDBConnection connection = duckdb.connect()) { ... }
 * }</pre>
 */
final class DuckDb implements AutoCloseable {
    private final int threads;
    private final String memoryLimit;
    private DuckDBConnection root;
    private boolean closed;

    private DuckDb(int threads, String memoryLimit) {
        this.threads = threads;
        this.memoryLimit = memoryLimit;
    }

    /**
     * Opens a database with {@code threads} worker threads and a memory limit such as
     * {@code "1GB"}. Results are streamed (never materialised whole), file blocks are not cached,
     * and time zones are UTC, so zone-aware timestamps come out as {@code timestamp[us, UTC]}.
     */
    static DuckDb open(int threads, String memoryLimit) {
        DuckDb duckdb = new DuckDb(threads, memoryLimit);
        duckdb.start();
        return duckdb;
    }

    /**
     * A database as {@link #open} makes it, started at its first {@link #connect()}: a parquet Store
     * whose rows are copied inside the Home's own DuckDB (a DuckDB table) never needs one, and
     * starting it took ~30 ms of a short incremental run.
     */
    static DuckDb lazy(int threads, String memoryLimit) {
        return new DuckDb(threads, memoryLimit);
    }

    /** Whether the database was started (by {@link #open}, or a lazy one's first connection). */
    synchronized boolean started() {
        return root != null;
    }

    private synchronized DuckDBConnection start() {
        if (closed) {
            throw new IllegalStateException("This embedded DuckDB was closed");
        }
        if (root == null) {
            root = connectRoot(threads, memoryLimit);
        }
        return root;
    }

    private static DuckDBConnection connectRoot(int threads, String memoryLimit) {
        // the driver extracts its 57 MB library into the temp folder at every start: delete the copy once loaded
        // the driver without its JFR memory event unless asked (hygge-duckdb's README); first: it needs no native
        // code, so it runs while the warm-up thread may still be loading the library
        dev.hygge.spi.JfrStartEvents.skipUnlessRecording("org.duckdb.DuckDBMemoryMonitor", "initialized",
                DuckDBDriver.class.getClassLoader(), "hygge.duckdb.memory_events");
        dev.hygge.spi.NativeLibraries.load("org.duckdb.DuckDBNative", DuckDBDriver.class.getClassLoader(), "libduckdb_java", ".so");
        Properties properties = new Properties();
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        try {
            DuckDBConnection connection = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = " + Math.max(1, threads));
                statement.execute("SET memory_limit = '" + memoryLimit + "'");
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET enable_progress_bar = false");
                // a one-pass read gains nothing from caching file blocks in DuckDB's buffer pool, and the
                // cache grew the reader's memory with the file (+40 MB over 100M rows, measured)
                statement.execute("SET enable_external_file_cache = false");
                // strings and lists leave as large (64-bit offset) Arrow buffers, which cannot overflow: a batch of
                // wide strings past 2 GB made DuckDB throw inside the stream callback and abort the JVM;
                // NarrowingReader hands them on with regular offsets
                statement.execute("SET arrow_large_buffer_size = true");
                // a GeoParquet column (WKB and the footer's geo key, which the copy carries over) stays the BLOB it is,
                // as in DuckDB 1.4: DuckDB 1.5 reads it as GEOMETRY, which its Arrow export fails on
                statement.execute("SET GLOBAL enable_geoparquet_conversion = false");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start embedded DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * A new connection to this database (a lazy one starts now); the caller closes it.
     *
     * @throws IllegalStateException when the database was closed, or cannot start
     */
    DuckDBConnection connect() throws SQLException {
        return start().duplicate();
    }

    /** A SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A file's path as a SQL string literal that DuckDB's file functions read as that one file:
     * they treat every path as a glob, so {@code a[1].parquet} would read {@code a1.parquet}; the
     * glob characters are written as one-character classes ({@code [[]}, {@code [*]}, {@code [?]}).
     */
    static String fileLiteral(String path) {
        StringBuilder escaped = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[' || c == '*' || c == '?') {
                escaped.append('[').append(c).append(']');
            } else {
                escaped.append(c);
            }
        }
        return literal(escaped.toString());
    }

    /** A quoted SQL identifier. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        DuckDBConnection opened;
        synchronized (this) {
            opened = root;
            root = null;
            closed = true;
        }
        if (opened == null) {
            return;
        }
        try {
            opened.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Closing embedded DuckDB failed: " + e.getMessage(), e);
        }
    }
}
