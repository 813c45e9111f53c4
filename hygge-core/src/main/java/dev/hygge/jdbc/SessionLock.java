package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per table across processes: a server-side lock held by a session of its own (a
 * connection outside the pool, so it costs the writes no pooled connection) from before a write
 * begins until it commits, aborts or closes. The lock ends with the session, so a killed process
 * never leaves it held. How the lock is taken is the dialect's ({@link Take}: MySQL's
 * {@code GET_LOCK}, PostgreSQL's {@code pg_try_advisory_lock}); the rest is here.
 *
 * <pre>{@code
 * StoreWrite write = SessionLock.around(lockConnection, "shop.orders", "server lock", where,
 *         c -> takeOrThrow(c), () -> writer.begin(request));
 * }</pre>
 *
 * @since 0.1
 */
public final class SessionLock {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLock.class);

    /** Takes the lock on the session's connection: the dialect hook. */
    @FunctionalInterface
    public interface Take {
        /**
         * Takes the lock on {@code lock}, waiting as the dialect does; returns once it is held.
         *
         * @throws StoreException when another writer holds it past the wait (its message says so)
         * @throws SQLException when the server fails
         * @throws InterruptedException when the waiting thread is interrupted
         */
        void take(Connection lock) throws SQLException, InterruptedException;
    }

    /** Opens a connection of its own, outside the pool, for the lock's session. */
    @FunctionalInterface
    public interface Open {
        /** A new connection; closing it ends the session. */
        Connection open() throws SQLException;
    }

    /** Begins a write under the lock of one table, as {@link #onTable} runs it. */
    @FunctionalInterface
    public interface Locked {
        /**
         * Takes the lock of {@code table} on {@code lock} and begins the write (with {@link #around}).
         *
         * @param lock the session's connection, now the callee's to close
         * @param table the table's canonical name ({@link SqlDialect#canonicalName}), the lock's key
         */
        StoreWrite around(Connection lock, String table);
    }

    /** Begins a write, as {@link #around} runs it once the lock is held. */
    @FunctionalInterface
    public interface Begin {
        /** The begun write. */
        StoreWrite begin();
    }

    private SessionLock() {}

    /**
     * Takes the lock of {@code table} on {@code lock} with {@code take}, then begins the write;
     * the lock (that is, the connection) goes when the write ends, or at once if the lock cannot
     * be taken or the write cannot begin.
     *
     * @param lock a connection of its own, closed by this lock
     * @param table the table, as messages name it
     * @param kind what the lock is called in messages ({@code "server lock"}, {@code "advisory lock"})
     * @param at where in the flow, for messages
     * @param take takes the lock
     * @param begin begins the write
     * @return the write, releasing the lock when it commits, aborts or closes
     */
    public static StoreWrite around(Connection lock, String table, String kind, String at, Take take, Begin begin) {
        requireNonNull(lock, "lock is null");
        requireNonNull(take, "take is null");
        requireNonNull(begin, "begin is null");
        try {
            take.take(lock);
        } catch (SQLException e) {
            close(lock);
            throw new StoreException(at + ": taking the " + kind + " of table " + table + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(lock);
            Thread.currentThread().interrupt();
            throw new StoreException(at + ": interrupted while waiting for another writer of table " + table, e);
        } catch (RuntimeException e) {
            close(lock);
            throw e;
        }
        try {
            return new Held(begin.begin(), lock);
        } catch (RuntimeException e) {
            close(lock);
            throw e;
        }
    }

    /**
     * Opens the lock's session with {@code open}, resolves {@code name} on it to the table's
     * canonical name (so every table pattern naming one table takes one lock), and hands both to
     * {@code locked}; the session is closed if the name cannot be resolved.
     *
     * @param where the Store, for messages
     * @throws StoreException when the session cannot be opened or the name resolved; nothing was written
     */
    public static StoreWrite onTable(Open open, SqlDialect dialect, TableName name, String where, Locked locked) {
        requireNonNull(open, "open is null");
        requireNonNull(locked, "locked is null");
        Connection lock;
        String table;
        try {
            lock = open.open();
            try {
                table = dialect.canonicalName(dialect.resolve(lock, name));
            } catch (SQLException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": preparing the table failed, nothing was written: " + e.getMessage(), e);
        }
        return locked.around(lock, table);
    }

    private static void close(Connection connection) {
        try {
            connection.close();   // ends the session: the server releases its locks
        } catch (SQLException e) {
            LOG.debug("closing the lock connection failed", e);
        }
    }

    /** A write whose lock is released when it ends. */
    private static final class Held implements StoreWrite {
        private final StoreWrite write;
        private final Connection lock;
        private boolean released;

        Held(StoreWrite write, Connection lock) {
            this.write = write;
            this.lock = lock;
        }

        @Override
        public long consume(ArrowReader stream) throws Exception {
            return write.consume(stream);
        }

        @Override
        public void commit() throws Exception {
            commit(Map.of());
        }

        @Override
        public void commit(Map<String, String> state) throws Exception {
            try {
                write.commit(state);
            } finally {
                release();
            }
        }

        @Override
        public void abort() {
            try {
                write.abort();
            } finally {
                release();
            }
        }

        @Override
        public void close() {
            try {
                write.close();
            } finally {
                release();
            }
        }

        private synchronized void release() {
            if (!released) {
                released = true;
                SessionLock.close(lock);
            }
        }
    }
}
