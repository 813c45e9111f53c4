package dev.hygge.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection to a SQLite file with an {@code information_schema} of the shape the shared
 * contract reads ({@code tables}, {@code columns}): an attached in-memory database filled, when
 * the connection opens, from the file's {@code sqlite_master} and {@code pragma_table_info}. The
 * contract opens a connection per read-back query, so each sees the file as it is then.
 * {@code character_maximum_length} is the declared {@code CHAR(n)}/{@code VARCHAR(n)} length
 * (SQLite enforces none); {@code is_nullable} is {@code NO} for a declared {@code NOT NULL}.
 */
final class SqliteReadBack {
    private SqliteReadBack() {}

    static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE ':memory:' AS information_schema");
            st.execute("CREATE TABLE information_schema.tables AS SELECT 'main' AS table_schema, name AS table_name"
                    + " FROM main.sqlite_master WHERE type = 'table'");
            st.execute("CREATE TABLE information_schema.columns AS SELECT 'main' AS table_schema, m.name AS table_name,"
                    + " p.name AS column_name, p.cid + 1 AS ordinal_position, p.type AS data_type,"
                    + " CASE WHEN p.\"notnull\" THEN 'NO' ELSE 'YES' END AS is_nullable,"
                    + " CASE WHEN upper(p.type) LIKE '%CHAR(%' THEN CAST(substr(p.type, instr(p.type, '(') + 1) AS INTEGER)"
                    + " END AS character_maximum_length"
                    + " FROM main.sqlite_master m, pragma_table_info(m.name, 'main') p WHERE m.type = 'table'");
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Every row of {@code sql} on the file, as {@code getObject} values. */
    static java.util.List<java.util.List<Object>> query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                java.util.List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static void execute(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
