package dev.hygge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a JDBC connection for the {@link TableWriter}: one for DDL and the final transaction, and
 * one per loading stream. Each is closed by the writer when done (return it to a pool, or close
 * a duplicate of an embedded database's connection).
 *
 * <pre>{@code
 * ConnectionSource source = dataSource::getConnection;
 * ConnectionSource duck = () -> database.duplicate();
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
