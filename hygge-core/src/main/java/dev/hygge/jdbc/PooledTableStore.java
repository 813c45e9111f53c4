package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What the table Stores over a pooled connection share: their description, the name messages
 * give them, the streams a write may use ({@link WriteStreams}: {@code parallel_workers}, at most
 * {@code pool_size - 1}, one connection being the write's control connection) and the
 * {@link TableWriter} that does the writing. A database adds how the writer loads and, where it
 * has one, the server lock a write begins under ({@link #beginUnderServerLock}).
 *
 * <pre>{@code
 * super("postgres", connection.name(), connection.poolSize(), options, options.parallelWorkers, LOG,
 *         where -> TableWriter.builder(dialect).connections(connection::connection)...build());
 * }</pre>
 */
public abstract class PooledTableStore implements TableStore, ClassifiesFaults {
    private final String describe;
    private final String where;
    private final int streams;
    private final TableWriter writer;

    /** Takes a server lock of {@code table} on {@code lock} around a write's begin (MySQL's GET_LOCK, PostgreSQL's advisory lock). */
    @FunctionalInterface
    protected interface ServerLockAround {
        StoreWrite around(Connection lock, String table, Duration wait, String at, SessionLock.Begin begin);
    }

    /**
     * @param type the Store's type ("mysql")
     * @param poolSize the connection's pool size, which caps the streams
     * @param log the plugin's logger, which says when the streams are capped
     * @param writer builds the table writer, given the name messages give the Store
     */
    protected PooledTableStore(String type, String connectionName, int poolSize, TableWriteOptions options,
            int parallelWorkers, Logger log, Function<String, TableWriter> writer) {
        requireNonNull(options, "options is null");
        this.describe = type + " " + connectionName + " " + options.table;
        this.where = "Store '" + type + "' (connection '" + connectionName + "', table " + options.table + ")";
        this.streams = WriteStreams.of(where, connectionName, poolSize, parallelWorkers, log);
        this.writer = writer.apply(where);
    }

    /** The Store as messages name it: {@code Store 'mysql' (connection 'shop', table orders)}. */
    protected final String where() {
        return where;
    }

    /**
     * Begins a write under the table's server lock, held on a session of its own that {@code open}
     * opens (so writers in other processes wait too), then as every table Store does.
     */
    protected final StoreWrite beginUnderServerLock(WriteRequest request, SessionLock.Open open, TableName table, ServerLockAround lock) {
        return SessionLock.onTable(open, writer.dialect(), table, where,
                (session, name) -> lock.around(session, name, request.lockWait(), where, () -> writer.begin(request)));
    }

    @Override
    public String describe() {
        return describe;
    }

    /** {@code parallel_workers}, but no more than the pool has besides the write's control connection. */
    @Override
    public int maxStreams() {
        return streams;
    }

    @Override
    public TableWriter writer() {
        return writer;
    }
}
