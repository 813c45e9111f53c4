package dev.hygge.duckdb;

import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import java.sql.Connection;
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
    @Override
    public boolean enforcesLengths() {
        return false;
    }

    @Override
    public int maxIdentifierLength() {
        return 255;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return single(connection, "SELECT current_schema()");
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
