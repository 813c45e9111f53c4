package dev.hygge.postgres;

import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per table across processes and machines: a session-level
 * {@code pg_try_advisory_lock} on a key made from the table, taken on a connection of its own
 * (outside the pool) before the write begins and held until it commits, aborts or closes.
 * PostgreSQL releases it when that session ends, so a killed process never leaves it held; and
 * since every write of the table holds it before the writer sweeps, whatever a killed write left
 * (its staging table) is dropped by the next write at once. The shared table writer's own lock
 * keeps the writers of one JVM apart as well.
 *
 * <pre>{@code
 * StoreWrite write = PostgresServerLock.around(connection, "\"public\".\"orders\"", wait, where, () -> writer.begin(request));
 * }</pre>
 */
final class PostgresServerLock {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServerLock.class);
    private static final long POLL_MILLIS = 200;

    /** Begins a write, as {@link #around} runs it. */
    @FunctionalInterface
    interface Begin {
        StoreWrite begin();
    }

    private PostgresServerLock() {}

    /** The advisory lock's key: the first 64 bits of SHA-256 of {@code hygge table } and the table's canonical name. */
    static long key(String canonicalTable) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("hygge table " + canonicalTable).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Takes the lock of {@code table} on {@code lock} (trying until {@code wait} has passed), then
     * begins the write; the lock goes when the write ends, or at once if it cannot begin.
     */
    static StoreWrite around(Connection lock, String table, Duration wait, String at, Begin begin) {
        long key = key(table);
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!tryLock(lock, key)) {
                if (System.nanoTime() >= deadline) {
                    throw new StoreException(at + ": another writer holds table " + table + " (advisory lock " + key
                            + ") and did not finish within " + wait.toSeconds() + " s; nothing was written. Wait for it, or"
                            + " find it: SELECT pid, application_name, client_addr FROM pg_stat_activity WHERE pid IN"
                            + " (SELECT pid FROM pg_locks WHERE locktype = 'advisory')");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            close(lock);
            throw new StoreException(at + ": taking the advisory lock of table " + table + " failed: " + e.getMessage(), e);
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

    private static boolean tryLock(Connection lock, long key) throws SQLException {
        try (PreparedStatement st = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();   // ends the session: the server releases its advisory locks
        } catch (SQLException e) {
            LOG.debug("closing the lock connection failed", e);
        }
    }

    /** A write whose advisory lock is released when it ends. */
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
                PostgresServerLock.close(lock);
            }
        }
    }
}
