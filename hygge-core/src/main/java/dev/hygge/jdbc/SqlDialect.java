package dev.hygge.jdbc;

import static java.util.stream.Collectors.joining;

import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.TypeMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL of one database, as the {@link TableWriter} needs it: identifier quoting, type names
 * (through its {@link TypeMapper}), DDL, existence and column checks, and the statements of each
 * write step. Every method that writes SQL quotes every identifier with {@link #quote}; a name
 * from config is never concatenated raw.
 *
 * <pre>{@code
 * SqlDialect dialect = new DuckDbDialect();
 * String ddl = dialect.createTable(TableName.parse("main.users"), decided.columns());
 * // CREATE TABLE "main"."users" ("id" BIGINT NOT NULL, "email" VARCHAR)
 * }</pre>
 *
 * <p>The defaults speak standard SQL with double-quoted identifiers and read
 * {@code information_schema} (PostgreSQL, DuckDB, H2 accept them). A dialect overrides what its
 * database spells differently (SQL Server: brackets, {@code sp_rename}, {@code MERGE … WITH (UPDLOCK, HOLDLOCK)}).
 */
public interface SqlDialect {

    /** How every staging table's name begins; entity listers never offer such tables. */
    String STAGING_PREFIX = "hygge_stage_";

    /** The dialect's name for logs ({@code duckdb}, {@code mssql}). */
    String name();

    /**
     * The SQL of the state table ({@code hygge_state}), where incremental loads commit their
     * watermark with the data. Default: standard SQL; a dialect overrides what its database spells
     * otherwise.
     */
    default StateSql stateSql() {
        return new StateSql(this);
    }

    /** Maps profiles and type names to this dialect's types. */
    TypeMapper typeMapper();

    /** Whether the database rejects values longer than a column's declared length (DuckDB does not). */
    default boolean enforcesLengths() {
        return true;
    }

    /**
     * Whether one connection can load rows into a table inside an open transaction and then commit
     * them with other statements, atomically, while other connections work on other tables (DuckDB).
     * Then a single-stream incremental append loads the table itself inside the transaction that also
     * commits its state, instead of a staging table copied over at the commit. Default false.
     */
    default boolean loadsInTransaction() {
        return false;
    }

    /** The longest identifier the database accepts (PostgreSQL: 63, SQL Server: 128). */
    /**
     * The length of a text value in the units this database declares {@code VARCHAR(n)} in, from
     * its UTF-8 bytes: characters (code points) by default. SQL Server counts UTF-16 code units,
     * so a character outside the Basic Multilingual Plane counts twice there.
     */
    default int textLength(byte[] utf8) {
        return dev.hygge.schema.SchemaProfiler.utf8Length(utf8);
    }

    default int maxIdentifierLength() {
        return 63;
    }

    /**
     * Whether the database compares identifiers without regard to case, quoted or not: DuckDB
     * always, SQL Server under its default collations. PostgreSQL (the default) does not.
     */
    default boolean ignoresIdentifierCase() {
        return false;
    }

    /**
     * The table as the database tells tables apart: every part quoted, folded to lower case where
     * case does not count. Two names with the same canonical name are one table.
     */
    default String canonicalName(TableName table) {
        String qualified = qualify(table);
        return ignoresIdentifierCase() ? qualified.toLowerCase(Locale.ROOT) : qualified;
    }

    /**
     * One line saying what went wrong, from a driver's exception: the first line of its message
     * (an embedded engine may append its native stack trace below it, which belongs in the cause).
     */
    default String errorLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.toString();
        }
        return message.strip().lines().findFirst().orElse(message).strip();
    }

    /** Quotes one identifier: {@code a"b} becomes {@code "a""b"}. */
    default String quote(String identifier) {
        checkIdentifier(identifier);
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The table's name with every part quoted. */
    default String qualify(TableName table) {
        StringBuilder sb = new StringBuilder();
        if (table.catalog() != null) {
            sb.append(quote(table.catalog())).append('.');
        }
        if (table.schema() != null) {
            sb.append(quote(table.schema())).append('.');
        }
        return sb.append(quote(table.table())).toString();
    }

    /** {@code "a", "b", "c"}. */
    default String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(joining(", "));
    }

    /** One column definition: {@code "name" TYPE [NOT NULL]}. */
    default String columnDefinition(SqlColumn column) {
        return quote(column.name()) + " " + column.type().ddl() + (column.nullable() ? "" : " NOT NULL");
    }

    default String createTable(TableName table, List<SqlColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column: " + table);
        }
        return "CREATE TABLE " + qualify(table) + " ("
                + columns.stream().map(this::columnDefinition).collect(joining(", ")) + ")";
    }

    /** Adds a column (schema evolution); added columns are always nullable. */
    default String addColumn(TableName table, SqlColumn column) {
        return "ALTER TABLE " + qualify(table) + " ADD COLUMN " + columnDefinition(column.withNullable(true));
    }

    /** Changes a column's type (widening on overflow). */
    default String alterColumnType(TableName table, SqlColumn column) {
        return "ALTER TABLE " + qualify(table) + " ALTER COLUMN " + quote(column.name()) + " SET DATA TYPE "
                + column.type().ddl();
    }

    default String dropTable(TableName table) {
        return "DROP TABLE " + qualify(table);
    }

    default String dropTableIfExists(TableName table) {
        return "DROP TABLE IF EXISTS " + qualify(table);
    }

    /** Renames {@code from} to {@code to}'s table name (same schema). */
    default String renameTable(TableName from, TableName to) {
        return "ALTER TABLE " + qualify(from) + " RENAME TO " + quote(to.table());
    }

    /**
     * The statements that put {@code staging} in {@code target}'s place ({@code replace}), run in
     * the write's final transaction. Default: drop the table, rename staging. A database that
     * commits DDL implicitly (MySQL) swaps both names in one atomic statement instead, so no moment
     * exists without the table.
     */
    default List<String> replaceTable(TableName target, TableName staging) {
        return List.of(dropTable(target), renameTable(staging, target));
    }

    default String truncate(TableName table) {
        return "TRUNCATE TABLE " + qualify(table);
    }

    /** {@code INSERT INTO target (cols) SELECT cols FROM source}. */
    default String insertSelect(TableName target, TableName source, List<String> columns) {
        String list = columnList(columns);
        return "INSERT INTO " + qualify(target) + " (" + list + ") SELECT " + list + " FROM " + qualify(source);
    }

    /**
     * The statements that upsert {@code staging} into {@code target} on {@code keys}, run in one
     * transaction. Default: delete the target rows whose keys are staged, then insert every staged
     * row (staged rows with equal keys are all inserted).
     */
    default List<String> merge(TableName target, TableName staging, List<String> columns, List<String> keys) {
        String source = quote("hygge_src");
        String match = keys.stream()
                .map(k -> source + "." + quote(k) + " = " + qualify(target) + "." + quote(k))
                .collect(joining(" AND "));
        return List.of(
                "DELETE FROM " + qualify(target) + " WHERE EXISTS (SELECT 1 FROM " + qualify(staging) + " " + source
                        + " WHERE " + match + ")",
                insertSelect(target, staging, columns));
    }

    /**
     * The staging table for a write into {@code target}: same catalog and schema, a name that
     * starts with {@link #stagingPrefix} and fits {@link #maxIdentifierLength()}.
     *
     * @param token unique to the write (letters and digits)
     */
    default TableName stagingTable(TableName target, String token) {
        String clean = token.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        String name = stagingPrefix(target) + clean + "_" + target.table();
        if (name.length() > maxIdentifierLength()) {
            name = name.substring(0, maxIdentifierLength());
        }
        return target.withTable(name);
    }

    /**
     * How every staging table of {@code target} begins: {@link #STAGING_PREFIX}, eight hex digits
     * of a hash of its {@link #canonicalName}, {@code _}. Short enough to survive truncation, and
     * different for two tables (up to one chance in four billion), so a sweep drops only the
     * staging of the table it writes.
     */
    default String stagingPrefix(TableName target) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonicalName(target).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return STAGING_PREFIX + java.util.HexFormat.of().formatHex(hash, 0, 4) + "_";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The staging tables of {@code target} (schema filled in) that exist now, left by any write. */
    default List<TableName> stagingTables(Connection connection, TableName target) throws SQLException {
        String prefix = stagingPrefix(target);
        String sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_name LIKE 'hygge\\_stage\\_%' ESCAPE '\\'" + (target.catalog() != null ? " AND table_catalog = ?" : "");
        List<TableName> found = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, target.schema());
            if (target.catalog() != null) {
                st.setString(2, target.catalog());
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.regionMatches(ignoresIdentifierCase(), 0, prefix, 0, prefix.length())) {
                        found.add(target.withTable(name));
                    }
                }
            }
        }
        return found;
    }

    /**
     * {@code table} as {@code connection} resolves it: the current schema filled in where none is
     * given. A dialect also drops what names the current database itself, so that every spelling
     * of one table has one {@link #canonicalName}.
     */
    default TableName resolve(Connection connection, TableName table) throws SQLException {
        return table.withDefaultSchema(currentSchema(connection));
    }

    /** The schema unqualified names resolve to on {@code connection}. */
    default String currentSchema(Connection connection) throws SQLException {
        return connection.getSchema();
    }

    /** Whether {@code table} exists (its schema filled in). */
    default boolean tableExists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement st = informationSchema(connection, "SELECT COUNT(*) FROM information_schema.tables", table, "")) {
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /** The columns of {@code table} (its schema filled in) in table order; empty when it does not exist. */
    default List<SqlColumn> columns(Connection connection, TableName table) throws SQLException {
        List<SqlColumn> columns = new ArrayList<>();
        try (PreparedStatement st = informationSchema(connection, "SELECT column_name, data_type, character_maximum_length,"
                + " numeric_precision, numeric_scale, is_nullable FROM information_schema.columns", table,
                " ORDER BY ordinal_position")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long length = rs.getLong(3);
                    Integer charLength = rs.wasNull() ? null : (int) Math.min(Integer.MAX_VALUE, length);
                    int precision = rs.getInt(4);
                    Integer numericPrecision = rs.wasNull() ? null : precision;
                    int scale = rs.getInt(5);
                    Integer numericScale = rs.wasNull() ? null : scale;
                    SqlType type = existingType(rs.getString(2), charLength, numericPrecision, numericScale);
                    columns.add(new SqlColumn(rs.getString(1), type, "YES".equalsIgnoreCase(rs.getString(6)), "existing"));
                }
            }
        }
        return columns;
    }

    /**
     * The type of an existing column from what {@code information_schema.columns} reports. The
     * default recognises the family from the type name and keeps the declared character length.
     */
    default SqlType existingType(String dataType, Integer characterLength, Integer precision, Integer scale) {
        SqlType.Family family = SqlType.Family.of(dataType);
        int length = characterLength == null || characterLength <= 0 || (family != SqlType.Family.TEXT
                && family != SqlType.Family.BINARY) ? SqlType.UNBOUNDED : characterLength;
        String ddl = dataType + (length != SqlType.UNBOUNDED && !dataType.contains("(") ? "(" + length + ")" : "");
        return new SqlType(ddl, family, length);
    }

    /** Rejects names no quoting makes safe. */
    static void checkIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("identifier is empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character: " + identifier.replace('\0', '?'));
        }
    }

    /**
     * {@code select} from an {@code information_schema} view, restricted to {@code table}'s schema,
     * name and (when given) catalog, as bound parameters, then {@code suffix}.
     */
    private static PreparedStatement informationSchema(Connection connection, String select, TableName table, String suffix)
            throws SQLException {
        String sql = select + " WHERE table_schema = ? AND table_name = ?"
                + (table.catalog() != null ? " AND table_catalog = ?" : "") + suffix;
        PreparedStatement st = connection.prepareStatement(sql);
        try {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            if (table.catalog() != null) {
                st.setString(3, table.catalog());
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }
}
