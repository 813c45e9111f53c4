package dev.hygge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a {@link TableWriter}'s write ends its last transaction, the one that makes its rows and
 * state visible: {@link #PLAIN} ({@link Connection#commit()}) unless the Store knows better for
 * its database, e.g. an embedded one that the Store alone has open and closes right after.
 *
 * <pre>{@code
 * TableWriter.builder(dialect).connections(database::duplicate).commits(database::commitLast)...
 * }</pre>
 *
 * <p>It must commit or throw, exactly as {@link Connection#commit()}: on a throw the write rolls
 * back and says that the table and its state are as they were.
 *
 * @since 0.9
 */
@FunctionalInterface
public interface TransactionCommit {
    /** {@link Connection#commit()}. */
    TransactionCommit PLAIN = Connection::commit;

    /** Commits {@code connection}'s transaction. */
    void commit(Connection connection) throws SQLException;
}
