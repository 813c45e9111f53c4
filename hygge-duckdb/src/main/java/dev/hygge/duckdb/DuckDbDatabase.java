package dev.hygge.duckdb;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HyggeException;
import dev.hygge.spi.Connection;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.JfrStartEvents;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.MemoryLimit;
import dev.hygge.spi.NativeLibraries;
import dev.hygge.spi.SupportsConnectionTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.BiFunction;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open DuckDB database (a file or {@code :memory:}): what a named {@code duckdb} connection,
 * a Home or a Store with a {@code path} works on. Every Home stream and Store load works on its own
 * {@link #duplicate()} of it.
 *
 * <pre>{@code
 * try (DuckDbDatabase db = DuckDbDatabase.open("warehouse", "warehouse.duckdb", false);
 *      java.sql.Connection c = db.duplicate()) {
 *     c.createStatement().execute("SELECT 42");
 * }
 * }</pre>
 *
 * <p>A file is open once per JVM: every {@code open} of one file (by any spelling of its path, from
 * a named connection or a {@code path}) shares one DuckDB instance, counted, and the last
 * {@link #close()} checkpoints it (so no {@code .wal} stays beside it) and closes it. DuckDB itself
 * refuses a second instance of one file in a process ("Unique file handle conflict", "different
 * configuration") and lets only one process write a file at a time. Read-only and read-write:
 * the first open decides; a read-only open of a file this JVM has open for writing shares the
 * writable instance (it only reads), and a read-write open of a file open read-only here is an error
 * naming the connection that holds it. {@code :memory:} is private to each open.
 *
 * <p>Memory: a file opened for writing gets DuckDB's {@code memory_limit} of the opener
 * ({@code memory_limit} of a Store or a named connection), else {@link #DEFAULT_MEMORY_LIMIT}:
 * DuckDB keeps the blocks of a table it loads in its buffer pool up to its limit, 80 % of the machine
 * by default, while a limit makes it evict them to the file they are already written to. A limit
 * asked by a later open of a shared file replaces the instance's ({@code SET memory_limit}); an open
 * without one keeps it. {@code :memory:} and read-only opens keep DuckDB's own unless asked: an
 * in-memory table cannot be evicted to its file, only written out to temporary files.
 */
public final class DuckDbDatabase implements Connection, SupportsConnectionTest {
    /** Set to true, DuckDB's driver registers its JFR memory event as it would without hygge ({@link JfrStartEvents}). */
    static final String MEMORY_EVENTS = "hygge.duckdb.memory_events";
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbDatabase.class);
    public static final String MEMORY = ":memory:";
    /** The open files of this JVM by canonical path; guarded by itself. */
    private static final Map<String, Instance> OPEN = new HashMap<>();
    /**
     * The {@code memory_limit} of a database file opened for writing when its opener sets none; measured
     * in the README (Memory): the 30M-row parquet load peaks under 1 GB with it, at the same speed.
     */
    public static final long DEFAULT_MEMORY_LIMIT = 512L << 20;

    private final String name;
    private final String path;
    private final Instance instance;
    private volatile boolean closed;

    /** One DuckDB instance and how many {@link DuckDbDatabase}s share it. */
    private static final class Instance {
        final String file;
        final String openedBy;
        final boolean readOnly;
        final DuckDBConnection root;
        /** DuckDB's memory_limit in bytes as set here, 0 for DuckDB's own; under {@link #OPEN}. */
        long memoryLimit;
        int users = 1;
        /** Loads running on one thread ({@link #onOneThread}), and DuckDB's own setting to give back after the last; under {@code this}. */
        int narrowed;
        long threads;

        Instance(String file, String openedBy, boolean readOnly, DuckDBConnection root, long memoryLimit) {
            this.file = file;
            this.openedBy = openedBy;
            this.readOnly = readOnly;
            this.root = root;
            this.memoryLimit = memoryLimit;
        }
    }

    private DuckDbDatabase(String name, String path, Instance instance) {
        this.name = name;
        this.path = path;
        this.instance = instance;
    }

    /**
     * Opens {@code path} ({@code :memory:} for a private in-memory database) with result streaming
     * on, or shares the instance this JVM has open for that file.
     *
     * @throws HyggeException naming the file when it cannot be opened, e.g. locked by another process
     */
    public static DuckDbDatabase open(String name, String path, boolean readOnly) {
        return open(name, path, readOnly, OptionalLong.empty());
    }

    /**
     * As {@link #open(String, String, boolean)}, with DuckDB's {@code memory_limit} in bytes; empty
     * for the default (class comment): {@link #DEFAULT_MEMORY_LIMIT} for a file opened for writing,
     * DuckDB's own for {@code :memory:} and read-only. A limit given for a file this JVM has open
     * replaces the instance's.
     *
     * @throws HyggeException naming the file when it cannot be opened, or DuckDB refuses the limit
     */
    public static DuckDbDatabase open(String name, String path, boolean readOnly, OptionalLong memoryLimit) {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        if (path.equals(MEMORY)) {
            long limit = memoryLimit.orElse(0);
            return new DuckDbDatabase(name, path, new Instance(MEMORY, name, false, connect(MEMORY, path, false, limit), limit));
        }
        String file = canonical(path);
        synchronized (OPEN) {
            Instance shared = OPEN.get(file);
            if (shared != null) {
                if (shared.readOnly && !readOnly) {
                    throw new HyggeException("DuckDB database " + path + " is open read-only in this process (by '"
                            + shared.openedBy + "'), so it cannot also be opened for writing; drop read_only from that"
                            + " connection, or let the flows that write run apart from the ones that read it");
                }
                if (memoryLimit.isPresent() && memoryLimit.getAsLong() != shared.memoryLimit) {
                    setMemoryLimit(shared, name, path, memoryLimit.getAsLong());
                }
                shared.users++;
                return new DuckDbDatabase(name, path, shared);
            }
            long limit = memoryLimit.orElse(readOnly ? 0 : DEFAULT_MEMORY_LIMIT);
            Instance opened = new Instance(file, name, readOnly, connect(file, path, readOnly, limit), limit);
            OPEN.put(file, opened);
            LOG.debug("{} - opened DuckDB database {}{}", name, file, readOnly ? " read-only" : "");
            return new DuckDbDatabase(name, path, opened);
        }
    }

    /** A shared instance's limit changed by a later opener; under {@link #OPEN}. */
    private static void setMemoryLimit(Instance shared, String name, String path, long bytes) {
        try (Statement statement = shared.root.createStatement()) {
            statement.execute("SET memory_limit = '" + MemoryLimit.setting(bytes) + "'");
        } catch (SQLException e) {
            throw new HyggeException("DuckDB database " + path + ": " + MemoryLimit.KEY + " " + MemoryLimit.setting(bytes)
                    + " of '" + name + "' cannot be set on the database open in this process (by '" + shared.openedBy
                    + "'): " + DuckDbDialect.firstLine(e) + ". Give the flows of this file one memory_limit", e);
        }
        LOG.info("{} - DuckDB database {}: memory_limit {} bytes (was {}, set when '{}' opened it)", name, path, bytes,
                shared.memoryLimit == 0 ? "DuckDB's own" : shared.memoryLimit + " bytes", shared.openedBy);
        shared.memoryLimit = bytes;
    }

    /** @param memoryLimit DuckDB's memory_limit in bytes, 0 for DuckDB's own */
    private static DuckDBConnection connect(String file, String path, boolean readOnly, long memoryLimit) {
        loadNativeLibrary();
        Properties properties = new Properties();
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        if (readOnly) {
            properties.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
        }
        if (memoryLimit > 0) {
            properties.setProperty(MemoryLimit.KEY, MemoryLimit.setting(memoryLimit));
        }
        String url = "jdbc:duckdb:" + (file.equals(MEMORY) ? "" : file);
        try {
            DuckDBConnection connection = (DuckDBConnection) new DuckDBDriver().connect(url, properties);
            try (Statement statement = connection.createStatement()) {
                // a GeoParquet column (WKB and the footer's geo key) stays the BLOB it is, as in DuckDB 1.4: DuckDB 1.5
                // reads it as GEOMETRY, which its Arrow export fails on and which casts to no BLOB column
                statement.execute("SET GLOBAL enable_geoparquet_conversion = false");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            String message = DuckDbDialect.firstLine(e);
            if (message.contains("lock")) {
                throw new HyggeException("DuckDB database " + path + " is locked by another process, so it cannot be"
                        + " opened: " + message + ". Close the program holding it and run again", e);
            }
            throw new HyggeException("DuckDB database " + path + " cannot be opened: " + message, e);
        }
    }

    /**
     * Loads DuckDB's native library and deletes the copy its driver extracted into the temp folder
     * (and copies killed processes left there): {@link NativeLibraries}; the driver starts without its
     * JFR memory event unless a recording runs or {@value #MEMORY_EVENTS} is true ({@link JfrStartEvents}).
     */
    static void loadNativeLibrary() {
        // first: it needs no native code, so it runs while the warm-up thread may still be loading the library
        JfrStartEvents.skipUnlessRecording("org.duckdb.DuckDBMemoryMonitor", "initialized", DuckDBDriver.class.getClassLoader(),
                MEMORY_EVENTS);
        NativeLibraries.load("org.duckdb.DuckDBNative", DuckDBDriver.class.getClassLoader(), "libduckdb_java", ".so");
    }

    /** The file as one name whatever the spelling: absolute, normalized, links resolved where it exists. */
    static String canonical(String path) {
        Path file = Path.of(path).toAbsolutePath().normalize();
        try {
            if (Files.exists(file)) {
                return file.toRealPath().toString();
            }
            Path parent = file.getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(file.getFileName()).toString();
            }
        } catch (IOException e) {
            LOG.debug("resolving {} failed, using {}", path, file, e);
        }
        return file.toString();
    }

    /** How many database files this JVM has open now (tests). */
    static int openFiles() {
        synchronized (OPEN) {
            return OPEN.size();
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
     * @param memoryLimit for a {@code path}: {@link #open(String, String, boolean, OptionalLong)}
     */
    static DuckDbDatabase resolve(String connection, String path, OptionalLong memoryLimit, HyggeContext context, String where,
                                  String role, BiFunction<String, Throwable, ? extends HyggeException> failure) {
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
            return open(role, path, false, memoryLimit);
        } catch (HyggeException e) {
            throw failure.apply(where + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The database file as given, or {@code :memory:}. */
    public String path() {
        return path;
    }

    /**
     * What tells this database apart from every other in the JVM: the canonical file path, or
     * {@code :memory:} and a number for a private in-memory database.
     */
    public String identity() {
        return instance.file.equals(MEMORY) ? MEMORY + "#" + System.identityHashCode(instance) : instance.file;
    }

    /** Runs one query on a new connection: the file opened is a DuckDB database this version can read. */
    @Override
    public String test() {
        try (DuckDBConnection c = duplicate(); Statement statement = c.createStatement();
             java.sql.ResultSet version = statement.executeQuery("SELECT version()")) {
            version.next();
            return "DuckDB " + version.getString(1) + ", " + (instance.file.equals(MEMORY) ? MEMORY : instance.file);
        } catch (SQLException e) {
            throw new HyggeException("DuckDB database " + path + " (connection '" + name + "') does not answer a query: "
                    + e.getMessage(), e);
        }
    }

    /** A new connection to this database; the caller closes it. */
    public DuckDBConnection duplicate() throws SQLException {
        if (closed) {
            throw new SQLException("DuckDB database " + path + " (connection '" + name + "') is closed");
        }
        return instance.root.duplicate();
    }

    /** Whether this is its file's only open in this JVM, for writing: its close is then the last, which checkpoints. */
    boolean soleWriter() {
        synchronized (OPEN) {
            return instance.users == 1 && !instance.readOnly && !instance.file.equals(MEMORY) && !closed;
        }
    }

    /**
     * Runs {@code work} with DuckDB on one thread ({@code SET threads = 1}, its setting given back
     * after), when no other Home or Store of this process shares the instance; otherwise as it is.
     * For a load of less than a row group: with more than one thread DuckDB plans an {@code INSERT}
     * from parquet as a batch insert, which collects the rows apart and merges them into the table
     * after (twice the CPU time of the plain insert it plans on one thread: 100,000 rows into a
     * 10M-row table, 50-130 against 20-45 ms), and such a load has nothing to share between threads
     * (one row group is read by one thread). The setting is the instance's: a sharer would lose its
     * worker threads meanwhile, so a shared instance keeps them (one opened during the load runs on one
     * thread until it ends).
     */
    <T> T onOneThread(EngineRelation.Work<T> work) throws SQLException {
        synchronized (OPEN) {
            if (instance.users > 1) {
                return work.run();
            }
        }
        threads(+1);
        try {
            return work.run();
        } finally {
            threads(-1);
        }
    }

    /** One load more ({@code +1}) or fewer on one thread: the first sets it, the last gives DuckDB's setting back. */
    private void threads(int change) throws SQLException {
        synchronized (instance) {
            boolean first = change > 0 && instance.narrowed == 0;
            instance.narrowed += change;
            if (!first && instance.narrowed > 0) {
                return;
            }
            try (DuckDBConnection connection = duplicate(); Statement statement = connection.createStatement()) {
                if (first) {
                    try (java.sql.ResultSet setting = statement.executeQuery("SELECT current_setting('threads')")) {
                        setting.next();
                        instance.threads = setting.getLong(1);
                    }
                }
                statement.execute("SET threads = " + (first ? 1 : instance.threads));
            } catch (SQLException e) {
                if (first) {
                    instance.narrowed--;
                    throw e;
                }
                LOG.warn("{} - DuckDB database {}: giving back its {} threads failed, it keeps one: {}", name, path,
                        instance.threads, DuckDbDialect.firstLine(e));
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean last;
        synchronized (OPEN) {
            last = --instance.users == 0;
            if (last) {
                OPEN.remove(instance.file, instance);
                shutdown();
            }
        }
    }

    /**
     * Checkpoints (a clean file, no {@code .wal} left) and closes the instance; under {@link #OPEN}.
     * The checkpoint is the cost of a close after a write, and not one to save: DuckDB checkpoints on
     * its last close anyway, for the same time and the same fsyncs (measured after 100,000 rows
     * appended to a 10M-row table: 40-70 ms either way, one run of each traced with strace); asking
     * for it here lets a failure be logged with the file's name. Skipping it would leave the rows in the {@code .wal} only, for the next open
     * to replay: a copy of the file alone would miss them.
     */
    private void shutdown() {
        if (!instance.readOnly && !instance.file.equals(MEMORY)) {
            try (Statement statement = instance.root.createStatement()) {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                LOG.warn("{} - checkpointing DuckDB database {} failed ({}); DuckDB replays its .wal when the file is"
                        + " next opened", name, path, DuckDbDialect.firstLine(e));
            }
        }
        try {
            instance.root.close();
            LOG.debug("{} - closed DuckDB database {}", name, path);
        } catch (SQLException e) {
            LOG.warn("{} - closing DuckDB database {} failed: {}", name, path, DuckDbDialect.firstLine(e));
        }
    }
}
