package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of the state table, where the table Stores of one schema keep what an incremental load
 * commits with its data (the watermark): {@code hygge_state(destination, state_key, state_value,
 * run_id, committed_at)}, one row per destination table and key, beside the tables it describes
 * (same catalog and schema), created on first use. Its rows are written in the transaction that
 * applies the data ({@link TableWrite}), so the two never disagree.
 *
 * <pre>{@code
 * StateSql sql = dialect.stateSql();
 * TableName state = sql.table(TableName.parse("sales.orders"));   // sales.hygge_state
 * sql.write(connection, state, sql.destination(orders), "watermark", "2024-05-01T10:00:00", runId);
 * }</pre>
 *
 * <p>This class speaks standard SQL (DuckDB, H2, PostgreSQL): a row is updated, or inserted when
 * there was none; the primary key refuses a second row a concurrent writer of another process
 * might insert, failing that write rather than keeping two. A dialect whose database spells it
 * otherwise returns a subclass from {@link SqlDialect#stateSql()} (SQL Server: one {@code MERGE}
 * under {@code UPDLOCK, HOLDLOCK}).
 */
public class StateSql {
    /** The state table's name; entity listers skip it, and no Store may write a table of this name. */
    public static final String TABLE = "hygge_state";
    /** The longest destination name and key the table holds (they form its primary key). */
    public static final int DESTINATION_LENGTH = 300;
    public static final int KEY_LENGTH = 128;

    protected final SqlDialect dialect;

    public StateSql(SqlDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** The state table of {@code target}'s schema: {@link #TABLE} in its catalog and schema. */
    public TableName table(TableName target) {
        return target.withTable(TABLE);
    }

    /**
     * How {@code target} is named in the state table: its table name (the state table is in its
     * schema), folded to lower case where the database ignores the case of names.
     */
    public String destination(TableName target) {
        return dialect.ignoresIdentifierCase() ? target.table().toLowerCase(Locale.ROOT) : target.table();
    }

    /** Creates the state table unless it exists. */
    public String createTable(TableName state) {
        return "CREATE TABLE IF NOT EXISTS " + dialect.qualify(state) + " (" + columns() + ")";
    }

    /** The column definitions and the primary key, in the dialect's types. */
    protected final String columns() {
        return q("destination") + " " + text(DESTINATION_LENGTH) + " NOT NULL, "
                + q("state_key") + " " + text(KEY_LENGTH) + " NOT NULL, "
                + q("state_value") + " " + longText() + " NOT NULL, "
                + q("run_id") + " " + text(KEY_LENGTH) + ", "
                + q("committed_at") + " " + timestamp() + ", "
                + "PRIMARY KEY (" + q("destination") + ", " + q("state_key") + ")";
    }

    /** A bounded text type. */
    protected String text(int length) {
        return "VARCHAR(" + length + ")";
    }

    /** A text type without a bound worth naming (a watermark of a long string column). */
    protected String longText() {
        return "VARCHAR";
    }

    /** The type of {@code committed_at}. */
    protected String timestamp() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    /** The database's clock, for {@code committed_at}. */
    protected String now() {
        return "CURRENT_TIMESTAMP";
    }

    /** Parameters: destination, key. */
    public String select(TableName state) {
        return "SELECT " + q("state_value") + " FROM " + dialect.qualify(state) + " WHERE " + q("destination") + " = ? AND "
                + q("state_key") + " = ?";
    }

    /** Parameters: value, run id, destination, key. */
    public String update(TableName state) {
        return "UPDATE " + dialect.qualify(state) + " SET " + q("state_value") + " = ?, " + q("run_id") + " = ?, "
                + q("committed_at") + " = " + now() + " WHERE " + q("destination") + " = ? AND " + q("state_key") + " = ?";
    }

    /** Parameters: destination, key, value, run id. */
    public String insert(TableName state) {
        return "INSERT INTO " + dialect.qualify(state) + " (" + q("destination") + ", " + q("state_key") + ", "
                + q("state_value") + ", " + q("run_id") + ", " + q("committed_at") + ") VALUES (?, ?, ?, ?, " + now() + ")";
    }

    /** Removes every row of one destination (a replace, a truncate, a table made anew). Parameter: destination. */
    public String clear(TableName state) {
        return "DELETE FROM " + dialect.qualify(state) + " WHERE " + q("destination") + " = ?";
    }

    /** The value of {@code key} for {@code destination}; empty when there is none. */
    public Optional<String> read(Connection connection, TableName state, String destination, String key) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(select(state))) {
            st.setString(1, destination);
            st.setString(2, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The value of {@code key} committed with {@code table}'s last write (its name resolved); empty
     * when the table or its state table does not exist (a table dropped since keeps no watermark),
     * or holds no such row. A dialect that can tell both tables' existence in one query overrides
     * {@link #bothExist}.
     */
    public Optional<String> readCommitted(Connection connection, TableName table, String key) throws SQLException {
        TableName state = table(table);
        if (!bothExist(connection, table, state)) {
            return Optional.empty();
        }
        return read(connection, state, destination(table), key);
    }

    /** Whether the destination table and its state table both exist. */
    protected boolean bothExist(Connection connection, TableName table, TableName state) throws SQLException {
        return dialect.tableExists(connection, table) && dialect.tableExists(connection, state);
    }

    /** Writes one row, in the caller's transaction: updated where it exists, else inserted. */
    public void write(Connection connection, TableName state, String destination, String key, String value, String runId)
            throws SQLException {
        int updated;
        try (PreparedStatement st = connection.prepareStatement(update(state))) {
            st.setString(1, value);
            st.setString(2, runId);
            st.setString(3, destination);
            st.setString(4, key);
            updated = st.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement st = connection.prepareStatement(insert(state))) {
                st.setString(1, destination);
                st.setString(2, key);
                st.setString(3, value);
                st.setString(4, runId);
                st.executeUpdate();
            }
        }
    }

    /** Removes {@code destination}'s rows, in the caller's transaction. */
    public void clear(Connection connection, TableName state, String destination) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(clear(state))) {
            st.setString(1, destination);
            st.executeUpdate();
        }
    }

    protected final String q(String column) {
        return dialect.quote(column);
    }
}
