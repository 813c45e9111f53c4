package dev.hygge.duckdb;

import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * DuckDB's SQL: standard quoting and DDL, {@link DuckDbTypeMapper} types, lengths not enforced,
 * tables looked up in the connection's current database and schema.
 *
 * <pre>{@code
 * SqlDialect dialect = new DuckDbDialect();
 * dialect.createTable(TableName.parse("main.users"), columns);
 * }</pre>
 */
public final class DuckDbDialect extends StandardDialect {

    public DuckDbDialect() {
        super("duckdb", new DuckDbTypeMapper());
    }

    /** DuckDB accepts {@code VARCHAR(n)} and ignores {@code n}. */
    /** DuckDB loads an Arrow stream into a table inside a transaction; nothing of it is seen or kept before the commit. */
    @Override
    public boolean loadsInTransaction() {
        return true;
    }

    @Override
    public boolean enforcesLengths() {
        return false;
    }

    @Override
    public int maxIdentifierLength() {
        return 255;
    }

    /** DuckDB keeps the case a name was created with and matches names ignoring it, quoted or not. */
    @Override
    public boolean ignoresIdentifierCase() {
        return true;
    }

    /**
     * The first line of a DuckDB error (DuckDB appends its native stack trace to some messages),
     * with what to do when the disk is full.
     */
    @Override
    public String errorLine(Throwable error) {
        String line = firstLine(error);
        if (line.contains("No space left on device") || line.contains("Disk full") || line.contains("disk is full")) {
            return line + " (the disk is full: free space on it, or move the database, then run again; the next"
                    + " write of the table removes what this one left)";
        }
        return line;
    }

    /** The first non-blank line of {@code error}'s message. */
    static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.toString();
        }
        return message.strip().lines().findFirst().orElse(message).strip();
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return single(connection, "SELECT current_schema()");
    }

    /**
     * Fills in the current schema, drops a catalog that is the current database ({@code w.main.t} is
     * {@code main.t} in {@code w.duckdb}), and spells an existing table as it was created: DuckDB
     * matches {@code ORDERS} to {@code orders}, but {@code information_schema} compares exactly.
     */
    @Override
    public TableName resolve(Connection connection, TableName table) throws SQLException {
        TableName resolved = super.resolve(connection, table);
        String database = single(connection, "SELECT current_database()");
        if (resolved.catalog() != null && resolved.catalog().equalsIgnoreCase(database)) {
            resolved = new TableName(null, resolved.schema(), resolved.table());
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_schema, table_name FROM"
                + " information_schema.tables WHERE table_catalog = coalesce(?, current_database())"
                + " AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?)")) {
            statement.setString(1, resolved.catalog());
            statement.setString(2, resolved.schema());
            statement.setString(3, resolved.table());
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    return new TableName(resolved.catalog(), rows.getString(1), rows.getString(2));
                }
            }
        }
        return resolved;
    }

    @Override
    public boolean tableExists(Connection connection, TableName table) throws SQLException {
        return super.tableExists(connection, withCatalog(connection, table));
    }

    @Override
    public List<SqlColumn> columns(Connection connection, TableName table) throws SQLException {
        return super.columns(connection, withCatalog(connection, table));
    }

    private static TableName withCatalog(Connection connection, TableName table) throws SQLException {
        return table.catalog() != null ? table
                : new TableName(single(connection, "SELECT current_database()"), table.schema(), table.table());
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
