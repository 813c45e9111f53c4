package dev.hygge.duckdb;

import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog lookups of {@link DuckDbDialect}, each one query of DuckDB's own catalog functions
 * ({@code duckdb_tables()}, {@code duckdb_columns()}) with the current database and schema read
 * inside it. {@code information_schema.tables} is a {@code UNION ALL} of {@code duckdb_tables()} and
 * {@code duckdb_views()}, which DuckDB runs as pipelines handed to its worker threads: on a loaded
 * machine each hand-off waits for a thread to be scheduled, and an incremental run makes some twenty
 * such lookups (measured at load 20 in a fresh JVM: 50 state reads of the old form 4.9-12 s, of this
 * one 2.5-4.7 s). Asking for {@code current_database()} first doubled the round trips. Reading the
 * current database in the query, never from a cache, keeps every lookup right after {@code USE} or
 * {@code ATTACH} on the connection. Views are not tables a Store writes: they are not looked up (a
 * write to a view's name fails as DuckDB refuses the DDL or the insert).
 *
 * <pre>{@code
 * boolean there = DuckDbCatalog.exists(connection, TableName.of("main", "orders"));
 * }</pre>
 */
final class DuckDbCatalog {
    /** The tables (temporary ones in their database, {@code temp}). */
    private static final String RELATIONS = "duckdb_tables()";
    /** A catalog given or else the current database, compared as DuckDB compares database names. */
    private static final String IN_CATALOG = "lower(database_name) = lower(coalesce(?, current_database()))";

    /**
     * Parameters: catalog, schema, table (catalog and schema may be null). One row (an aggregate, one
     * pipeline): the current schema, the current database, and the schema and name of the table that
     * matches ignoring case (nulls when none does).
     */
    static final String RESOLVE = "SELECT current_schema(), current_database(), first(schema_name), first(table_name) FROM "
            + RELATIONS + " WHERE " + IN_CATALOG + " AND lower(schema_name) = lower(coalesce(?, current_schema()))"
            + " AND lower(table_name) = lower(?)";

    private DuckDbCatalog() {}

    /** Whether {@code table} (schema filled in) is a table, by its exact name. */
    static boolean exists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + RELATIONS + " WHERE "
                + IN_CATALOG + " AND schema_name = ? AND table_name = ?")) {
            bind(statement, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** Whether both tables of one catalog and schema exist (the schema filled in), in one query. */
    static boolean bothExist(Connection connection, TableName first, TableName second) throws SQLException {
        if (!first.withTable(second.table()).equals(second)) {
            return exists(connection, first) && exists(connection, second);
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(DISTINCT table_name) FROM " + RELATIONS
                + " WHERE " + IN_CATALOG + " AND schema_name = ? AND table_name IN (?, ?)")) {
            bind(statement, first);
            statement.setString(4, second.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) == 2;
            }
        }
    }

    /**
     * The columns of {@code table} (schema filled in) in table order, as {@code information_schema.columns} gives them:
     * {@code DESCRIBE} of the table on a connection outside a transaction, else (and when it fails: no such table) one
     * query of {@code duckdb_columns()}. Both name each type alike (DuckDbCatalogTest). {@code DESCRIBE} takes ~1 ms,
     * where {@code duckdb_columns()}, which lists every column of every database and of DuckDB's own catalog, takes
     * 7-11 ms at its first call in a process and 2-3 ms after, twice in every write into a table that exists. It resolves
     * the name as the write's own statements do; a failed statement would end a transaction, so inside one the catalog
     * query runs. {@code DESCRIBE}'s "does not exist" is taken as its answer (no columns): asking the catalog after it
     * cost a new table's first write 10-20 ms.
     */
    static List<SqlColumn> columns(Connection connection, TableName table, SqlDialect dialect) throws SQLException {
        if (connection.getAutoCommit()) {
            List<SqlColumn> described = described(connection, table, dialect);
            if (described != null) {
                return described;
            }
        }
        return catalogColumns(connection, table, dialect);
    }

    /**
     * {@code DESCRIBE}'s columns of {@code table}; none when DuckDB says the table (or its schema) does not exist;
     * null when it fails otherwise (the catalog is asked then).
     */
    static List<SqlColumn> described(Connection connection, TableName table, SqlDialect dialect) {
        List<SqlColumn> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + dialect.qualify(table))) {
            while (rows.next()) {
                SqlType type = dialect.existingType(rows.getString(2), null, null, null);
                columns.add(new SqlColumn(rows.getString(1), type, "YES".equals(rows.getString(3)), "existing"));
            }
        } catch (SQLException e) {
            return missing(e) ? List.of() : null;
        }
        return columns.isEmpty() ? null : columns;
    }

    /** Whether {@code e} is DuckDB's catalog saying there is no such table ({@code Catalog Error: Table with name x does not exist!}). */
    private static boolean missing(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Catalog Error: Table with name ") && message.contains(" does not exist");
    }

    /** The columns of {@code table} by {@code duckdb_columns()}, the name compared exactly; none when there is no such table. */
    static List<SqlColumn> catalogColumns(Connection connection, TableName table, SqlDialect dialect) throws SQLException {
        List<SqlColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type,"
                + " character_maximum_length, numeric_precision, numeric_scale, is_nullable FROM duckdb_columns() WHERE "
                + IN_CATALOG + " AND schema_name = ? AND table_name = ? ORDER BY column_index")) {
            bind(statement, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long length = rows.getLong(3);
                    Integer charLength = rows.wasNull() ? null : (int) Math.min(Integer.MAX_VALUE, length);
                    int precision = rows.getInt(4);
                    Integer numericPrecision = rows.wasNull() ? null : precision;
                    int scale = rows.getInt(5);
                    Integer numericScale = rows.wasNull() ? null : scale;
                    SqlType type = dialect.existingType(rows.getString(2), charLength, numericPrecision, numericScale);
                    columns.add(new SqlColumn(rows.getString(1), type, rows.getBoolean(6), "existing"));
                }
            }
        }
        return columns;
    }

    /** The tables of {@code target}'s schema and catalog whose names start with {@code prefix} (ignoring case). */
    static List<TableName> stagingTables(Connection connection, TableName target, String prefix) throws SQLException {
        List<TableName> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM duckdb_tables() WHERE "
                + IN_CATALOG + " AND schema_name = ? AND starts_with(lower(table_name), lower(?))")) {
            statement.setString(1, target.catalog());
            statement.setString(2, target.schema());
            statement.setString(3, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(target.withTable(rows.getString(1)));
                }
            }
        }
        return found;
    }

    private static void bind(PreparedStatement statement, TableName table) throws SQLException {
        statement.setString(1, table.catalog());
        statement.setString(2, table.schema());
        statement.setString(3, table.table());
    }
}
