package dev.hygge.sqlite;

import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.TypeMapper;
import dev.hygge.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's SQL for the shared table writer. SQLite has no {@code information_schema}: tables are
 * found in the schema's {@code sqlite_master}, columns through {@code pragma_table_info}. A
 * "schema" is an attached database ({@code main} by default); there is no catalog. SQLite's DDL is
 * transactional, so the final transaction of a staged write (rename or insert, state row, drop of
 * staging) is one SQLite transaction: old table or new, never half.
 *
 * <pre>{@code
 * new SqliteDialect().merge(target, staging, List.of("id", "name"), List.of("id"));
 * // CREATE UNIQUE INDEX IF NOT EXISTS "main"."hygge_keys_t" ON "t" ("id")
 * // INSERT OR REPLACE INTO "main"."t" ("id", "name") SELECT "id", "name" FROM "main"."hygge_stage_…"
 * }</pre>
 *
 * <p>Declared lengths are kept in the DDL for the reader ({@code VARCHAR(100)}) but SQLite enforces
 * none ({@link #enforcesLengths()} false), so nothing ever overflows or needs widening.
 */
public final class SqliteDialect implements SqlDialect {
    /** A declared type and its size: {@code VARCHAR(100)}, {@code DECIMAL(18, 2)}. */
    private static final Pattern DECLARED = Pattern.compile("(?i)^\\s*([a-z][a-z0-9_ ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*$");
    /** How the indexes {@link #merge} relies on begin. */
    static final String KEYS_INDEX_PREFIX = "hygge_keys_";

    private final SqliteTypeMapper types = new SqliteTypeMapper();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public TypeMapper typeMapper() {
        return types;
    }

    /** SQLite stores any length in any column; a declared {@code VARCHAR(n)} is documentation. */
    @Override
    public boolean enforcesLengths() {
        return false;
    }

    /** SQLite matches identifiers ignoring (ASCII) case, quoted or not. */
    @Override
    public boolean ignoresIdentifierCase() {
        return true;
    }

    /** SQLite names no current schema through JDBC; unqualified names resolve in {@code main} (or {@code temp}). */
    @Override
    public String currentSchema(Connection connection) {
        return "main";
    }

    @Override
    public TableName resolve(Connection connection, TableName table) throws SQLException {
        if (table.catalog() != null) {
            throw new StoreException("table '" + table + "': SQLite has no catalogs; write schema.table at most"
                    + " (the schema is main or an attached database)");
        }
        return table.withDefaultSchema("main");
    }

    /** Columns cannot change type in SQLite, and never need to: no length is enforced. */
    @Override
    public String alterColumnType(TableName table, SqlColumn column) {
        throw new UnsupportedOperationException("SQLite enforces no lengths, so column '" + column.name() + "' of " + table
                + " never needs widening");
    }

    @Override
    public String truncate(TableName table) {
        return "DELETE FROM " + qualify(table);
    }

    /** SQLite renames within the table's own schema; the new name is unqualified. */
    @Override
    public String renameTable(TableName from, TableName to) {
        return "ALTER TABLE " + qualify(from) + " RENAME TO " + quote(to.table());
    }

    /**
     * An upsert that replaces each matching row whole: a unique index on the keys (created once,
     * named {@code hygge_keys_<table>}; creating it fails naming the keys when the table already
     * holds duplicates of them), then {@code INSERT OR REPLACE … SELECT}. SQLite's
     * {@code ON CONFLICT (keys) DO UPDATE} was the first choice, but it keeps the values of the
     * table's columns the source lacks, where a merge replaces the row (a column the source lacks
     * is then NULL, as in every table Store). Of staged rows sharing a key, the last loaded wins.
     * SQLite's REPLACE deletes a row that conflicts on any unique constraint, not only the keys'.
     */
    @Override
    public List<String> merge(TableName target, TableName staging, List<String> columns, List<String> keys) {
        String index = quote(target.schema()) + "." + quote(KEYS_INDEX_PREFIX + target.table());
        String list = columnList(columns);
        return List.of(
                "CREATE UNIQUE INDEX IF NOT EXISTS " + index + " ON " + quote(target.table()) + " (" + columnList(keys) + ")",
                "INSERT OR REPLACE INTO " + qualify(target) + " (" + list + ") SELECT " + list + " FROM " + qualify(staging));
    }

    @Override
    public List<TableName> stagingTables(Connection connection, TableName target) throws SQLException {
        String prefix = stagingPrefix(target);
        List<TableName> found = new ArrayList<>();
        for (String name : tables(connection, target.schema())) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                found.add(target.withTable(name));
            }
        }
        return found;
    }

    @Override
    public boolean tableExists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT COUNT(*) FROM " + quote(table.schema())
                + ".sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            st.setString(1, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /** The tables of {@code schema} (an attached database), by {@code sqlite_master}. */
    List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT name FROM " + quote(schema)
                + ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The columns by {@code pragma_table_info}: declared type as written, {@code NOT NULL} as declared. */
    @Override
    public List<SqlColumn> columns(Connection connection, TableName table) throws SQLException {
        List<SqlColumn> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT name, type, \"notnull\" FROM pragma_table_info(?, ?) ORDER BY cid")) {
            st.setString(1, table.table());
            st.setString(2, table.schema());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new SqlColumn(rs.getString(1), declaredType(rs.getString(2)), rs.getInt(3) == 0, "existing"));
                }
            }
        }
        return columns;
    }

    /** An existing column's declared type read back: its family from the name, the length when one is declared. */
    SqlType declaredType(String declared) {
        String text = declared == null ? "" : declared.strip();
        Matcher m = DECLARED.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            // no declared type (BLOB affinity) or one SQLite accepts but nobody would parse: any value fits
            return SqlType.of(text.isEmpty() ? "BLOB" : text, SqlType.Family.OTHER);
        }
        SqlType.Family family = SqlType.Family.of(m.group(1));
        boolean sized = m.group(2) != null && m.group(3) == null
                && (family == SqlType.Family.TEXT || family == SqlType.Family.BINARY);
        return new SqlType(text, family, sized ? Integer.parseInt(m.group(2)) : SqlType.UNBOUNDED);
    }
}
