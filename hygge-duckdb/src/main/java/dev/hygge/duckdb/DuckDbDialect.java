package dev.hygge.duckdb;

import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.StateSql;
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

    /** DuckDB loads an Arrow stream into a table inside a transaction; nothing of it is seen or kept before the commit. */
    @Override
    public boolean loadsInTransaction() {
        return true;
    }

    /** DuckDB accepts {@code VARCHAR(n)} and ignores {@code n}. */
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
     * with what to do when the disk is full or DuckDB's {@code memory_limit} is reached.
     */
    @Override
    public String errorLine(Throwable error) {
        String line = firstLine(error);
        if (line.contains("No space left on device") || line.contains("Disk full") || line.contains("disk is full")) {
            return line + " (the disk is full: free space on it, or move the database, then run again; the next"
                    + " write of the table removes what this one left)";
        }
        if (line.startsWith("Out of Memory Error")) {
            return line + " (DuckDB's memory_limit of the database was reached: raise memory_limit on the Store, or on"
                    + " its named connection, then run again)";
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
     * matches {@code ORDERS} to {@code orders}, but its catalog functions compare exactly. One query:
     * the current schema and database are read in it rather than asked for first.
     */
    @Override
    public TableName resolve(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DuckDbCatalog.RESOLVE)) {
            statement.setString(1, table.catalog());
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                String schema = table.schema() != null ? table.schema() : rows.getString(1);
                String catalog = table.catalog() != null && table.catalog().equalsIgnoreCase(rows.getString(2)) ? null
                        : table.catalog();
                String foundSchema = rows.getString(3);
                return foundSchema == null ? new TableName(catalog, schema, table.table())
                        : new TableName(catalog, foundSchema, rows.getString(4));
            }
        }
    }

    /** One query, the current database read in it when {@code table} names no catalog (so it is right after {@code USE}). */
    @Override
    public boolean tableExists(Connection connection, TableName table) throws SQLException {
        return DuckDbCatalog.exists(connection, table);
    }

    /** {@code DESCRIBE}, or one query of {@code duckdb_columns()}, as {@code information_schema.columns} reports them ({@link DuckDbCatalog#columns}). */
    @Override
    public List<SqlColumn> columns(Connection connection, TableName table) throws SQLException {
        return DuckDbCatalog.columns(connection, table, this);
    }

    @Override
    public List<TableName> stagingTables(Connection connection, TableName target) throws SQLException {
        return DuckDbCatalog.stagingTables(connection, target, stagingPrefix(target));
    }

    @Override
    public StateSql stateSql() {
        return new DuckDbStateSql(this);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
