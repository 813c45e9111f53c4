package dev.hygge.mysql;

import dev.hygge.jdbc.SessionLock;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One writer per table across processes: MySQL's {@code GET_LOCK} on a name made from the table,
 * held on a connection of its own (outside the pool, so it costs the writes no pooled connection)
 * from before the write begins until it commits, aborts or closes ({@link SessionLock}). The
 * server releases the lock when that connection ends, so a killed process never leaves it held.
 * The shared table writer's own lock keeps the writers of one JVM apart as well.
 *
 * <pre>{@code
 * StoreWrite write = ServerLock.around(connection, "shop.orders", wait, where, () -> writer.begin(request));
 * }</pre>
 */
final class ServerLock {
    private ServerLock() {}

    /** The lock's name: {@code hygge:} and a hash of the table's canonical name (MySQL allows 64 characters). */
    static String name(String canonicalTable) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalTable.getBytes(StandardCharsets.UTF_8));
            return "hygge:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Takes the lock of {@code table} on {@code lockConnection} (waiting up to {@code wait}), then
     * begins the write; the lock goes when the write ends, or at once if it cannot begin.
     */
    static StoreWrite around(Connection lockConnection, String table, Duration wait, String at, SessionLock.Begin begin) {
        String name = name(table);
        return SessionLock.around(lockConnection, table, "server lock", at, c -> getLock(c, name, table, wait, at), begin);
    }

    private static void getLock(Connection c, String name, String table, Duration wait, String at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            st.setString(1, name);
            st.setLong(2, Math.max(0, wait.toSeconds()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new StoreException(at + ": another writer holds table " + table + " (server lock " + name
                            + ") and did not finish within " + wait.toSeconds() + " s; nothing was written. Wait for it,"
                            + " or find it in SELECT * FROM information_schema.processlist");
                }
            }
        }
    }
}
