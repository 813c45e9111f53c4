package dev.hygge.sqlite;

import dev.hygge.spi.OptionProblems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite database file, opened as a new connection per use. No pool: opening a SQLite
 * connection is a file open (tens of microseconds), and a pool would keep the file open, and
 * SQLite's locks on it, between runs. SQLite admits one writer at a time per file; every
 * connection waits up to {@code busy_timeout} for another one's lock instead of failing at once.
 *
 * <pre>{@code
 * SqliteFile file = SqliteFile.of("warehouse.db", 30_000);
 * try (Connection c = file.open()) { ... }
 * }</pre>
 *
 * @param path the file as configured
 * @param identity the file's absolute, normalised path (symbolic links of its folder resolved): the
 *     database half of every destination lock key, so two spellings of one file are one database
 */
record SqliteFile(String path, String identity, int busyTimeoutMs) {

    static SqliteFile of(String path, int busyTimeoutMs) {
        return new SqliteFile(path, canonical(path), busyTimeoutMs);
    }

    /** A connection of its own, in auto-commit mode. */
    Connection open() throws SQLException {
        return open(false);
    }

    /** A connection of its own; a read-only one cannot write the file whatever it runs. */
    Connection open(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMs);
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + identity);
    }

    /** Creates the file's folder when missing (SQLite creates the file, not its folder). */
    SqliteFile withFolder() {
        Path parent = Path.of(identity).getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating the folder of SQLite database " + path + " failed: " + e.getMessage(), e);
        }
        return this;
    }

    static String canonical(String path) {
        Path file = Path.of(path).toAbsolutePath().normalize();
        Path parent = file.getParent();
        try {
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(file.getFileName()).toString();
            }
        } catch (IOException e) {
            // keep the normalised path: the folder vanished between the checks
        }
        return file.toString();
    }

    /** {@code path} names a file: not blank, not an in-memory database (which no second connection would see). */
    static void check(String path, OptionProblems problems) {
        if (path == null || path.isBlank()) {
            problems.add("path", "option 'path' is required: the SQLite database file (e.g. data/warehouse.db)");
        } else if (path.startsWith(":") || path.startsWith("file:")) {
            problems.add("path", "path '" + path + "' is not a file; give a file path (e.g. data/warehouse.db): each"
                    + " step of a write opens its own connection, and an in-memory database is private to one");
        }
    }
}
