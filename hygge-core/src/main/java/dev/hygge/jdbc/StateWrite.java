package dev.hygge.jdbc;

import dev.hygge.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state one table write commits with its rows ({@link StateSql}): checked when the commit
 * begins, the state table created (outside the transaction: some databases commit DDL at once)
 * before the transaction that applies the rows, then written in that transaction, before the
 * rows, so that a database which commits DDL implicitly commits the state with the data too.
 *
 * <p>A write that makes the table anew (a new table, {@code replace}, {@code truncate}) replaces
 * the destination's state with its own, possibly none: state describing rows that are gone would
 * make the next incremental run skip rows. One that adds rows updates the keys it has.
 */
final class StateWrite {
    private final StateSql sql;
    private final TableName state;
    private final String destination;
    private final Map<String, String> values;
    private final String runId;
    private final String at;
    private boolean present;

    StateWrite(SqlDialect dialect, TableName target, Map<String, String> values, String runId, String at) {
        this.sql = dialect.stateSql();
        this.state = sql.table(target);
        this.destination = sql.destination(target);
        this.runId = runId;
        this.at = at;
        this.values = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > StateSql.KEY_LENGTH) {
                throw new IllegalArgumentException(at + ": a state key must have 1 to " + StateSql.KEY_LENGTH
                        + " characters: '" + key + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException(at + ": state '" + key + "' has no value; nothing was committed");
            }
            this.values.put(key, value);
        });
    }

    /** Outside any transaction: creates {@code target}'s state table unless it exists (for a write whose transaction starts early). */
    static void createTable(SqlDialect dialect, TableName target, Connection control, String at) throws SQLException {
        new StateWrite(dialect, target, Map.of("table", ""), "", at).prepare(control, false);
    }

    /**
     * Outside the transaction: creates the state table when there are values to keep, else learns
     * whether it exists, when {@code mayClear} (the write may make the table anew).
     */
    void prepare(Connection control, boolean mayClear) throws SQLException {
        if (values.isEmpty() && !mayClear) {
            return;
        }
        present = stateTableExists(control);
        if (present || values.isEmpty()) {
            return;
        }
        if (destination.length() > StateSql.DESTINATION_LENGTH) {
            throw new StoreException(at + ": the table's name is longer than the " + StateSql.DESTINATION_LENGTH
                    + " characters " + StateSql.TABLE + " holds, so its state cannot be kept; nothing was committed");
        }
        try {
            TableWriter.execute(control, sql.createTable(state));
        } catch (SQLException e) {
            // another write of this schema may have created it meanwhile
            if (!stateTableExists(control)) {
                throw e;
            }
        }
        present = true;
    }

    /** Outside the transaction: the state table is known to exist ({@link #createTable} made sure of it for this write). */
    void present() {
        present = true;
    }

    /** In the transaction: the destination's state replaced ({@code anew}) or updated with this write's values. */
    void apply(Connection control, boolean anew) throws SQLException {
        if (!present) {
            return;
        }
        if (anew) {
            sql.clear(control, state, destination);
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            sql.write(control, state, destination, entry.getKey(), entry.getValue(), runId);
        }
    }

    /** Whether the write keeps any value. */
    boolean keepsValues() {
        return !values.isEmpty();
    }

    private boolean stateTableExists(Connection control) throws SQLException {
        return sql.dialect.tableExists(control, state);
    }
}
