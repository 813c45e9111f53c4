package dev.hygge.postgres;

import dev.hygge.jdbc.SessionLock;
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

/**
 * One writer per table across processes and machines: a session-level
 * {@code pg_try_advisory_lock} on a key made from the table, taken on a connection of its own
 * (outside the pool) before the write begins and held until it commits, aborts or closes
 * ({@link SessionLock}). PostgreSQL releases it when that session ends, so a killed process never
 * leaves it held; and since every write of the table holds it before the writer sweeps, whatever a
 * killed write left (its staging table) is dropped by the next write at once. The shared table
 * writer's own lock keeps the writers of one JVM apart as well.
 *
 * <pre>{@code
 * StoreWrite write = PostgresServerLock.around(connection, "\"public\".\"orders\"", wait, where, () -> writer.begin(request));
 * }</pre>
 */
final class PostgresServerLock {
    private static final long POLL_MILLIS = 200;

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
    static StoreWrite around(Connection lock, String table, Duration wait, String at, SessionLock.Begin begin) {
        long key = key(table);
        return SessionLock.around(lock, table, "advisory lock", at, c -> {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!tryLock(c, key)) {
                if (System.nanoTime() >= deadline) {
                    throw new StoreException(at + ": another writer holds table " + table + " (advisory lock " + key
                            + ") and did not finish within " + wait.toSeconds() + " s; nothing was written. Wait for it, or"
                            + " find it: SELECT pid, application_name, client_addr FROM pg_stat_activity WHERE pid IN"
                            + " (SELECT pid FROM pg_locks WHERE locktype = 'advisory')");
                }
                Thread.sleep(POLL_MILLIS);
            }
        }, begin);
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
}
