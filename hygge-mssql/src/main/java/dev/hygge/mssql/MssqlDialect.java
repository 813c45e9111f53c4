package dev.hygge.mssql;

import static java.util.stream.Collectors.joining;

import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.TypeMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * T-SQL for the shared table machinery: bracket quoting, {@code sp_rename} swaps, merges as
 * {@code MERGE … WITH (UPDLOCK, HOLDLOCK) … WHEN MATCHED THEN DELETE} and an insert, and tables
 * created with a clustered columnstore index unless turned off.
 *
 * <pre>{@code
 * MssqlDialect dialect = new MssqlDialect(true);
 * dialect.createTable(TableName.parse("dbo.users"), columns);
 * // CREATE TABLE [dbo].[users] ([id] BIGINT NOT NULL, [email] NVARCHAR(75), INDEX [hygge_cci] CLUSTERED COLUMNSTORE)
 * }</pre>
 */
public final class MssqlDialect implements SqlDialect {
    /** Types a clustered columnstore index cannot hold; a table with one of them is created as a heap. */
    private static final Set<String> NOT_IN_COLUMNSTORE = Set.of("TEXT", "NTEXT", "IMAGE", "XML", "SQL_VARIANT",
            "ROWVERSION", "TIMESTAMP", "HIERARCHYID", "GEOMETRY", "GEOGRAPHY", "JSON");
    static final String COLUMNSTORE_INDEX = "hygge_cci";

    private final MssqlTypeMapper typeMapper = new MssqlTypeMapper();
    private final boolean clusteredColumnstore;

    /** @param clusteredColumnstore whether created tables get a clustered columnstore index */
    public MssqlDialect(boolean clusteredColumnstore) {
        this.clusteredColumnstore = clusteredColumnstore;
    }

    @Override
    public String name() {
        return "mssql";
    }

    @Override
    public TypeMapper typeMapper() {
        return typeMapper;
    }

    @Override
    public int maxIdentifierLength() {
        return 128;
    }

    /** SQL Server's default collations ignore case in names (a case-sensitive database is the exception). */
    @Override
    public boolean ignoresIdentifierCase() {
        return true;
    }

    /** {@code a]b} becomes {@code [a]]b]}; names longer than 128 characters or holding NUL are rejected. */
    /**
     * {@code NVARCHAR(n)} counts UTF-16 code units: a character outside the Basic Multilingual
     * Plane (4 UTF-8 bytes, e.g. an emoji) takes two.
     */
    @Override
    public int textLength(byte[] utf8) {
        int units = 0;
        for (byte b : utf8) {
            if ((b & 0xC0) != 0x80) {
                units += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return units;
    }

    @Override
    public String quote(String identifier) {
        SqlDialect.checkIdentifier(identifier);
        if (identifier.length() > maxIdentifierLength()) {
            throw new IllegalArgumentException("identifier is longer than SQL Server's 128 characters: " + identifier);
        }
        return '[' + identifier.replace("]", "]]") + ']';
    }

    /** An N'…' literal. */
    static String literal(String text) {
        return "N'" + text.replace("'", "''") + "'";
    }

    /** The state table in T-SQL: {@link MssqlStateSql}. */
    @Override
    public StateSql stateSql() {
        return new MssqlStateSql(this);
    }

    /** Whether created tables get a clustered columnstore index. */
    public boolean clusteredColumnstore() {
        return clusteredColumnstore;
    }

    /** Whether a table of these columns can be a clustered columnstore. */
    static boolean columnstoreCapable(List<SqlColumn> columns) {
        for (SqlColumn column : columns) {
            String ddl = column.type().ddl().toUpperCase(Locale.ROOT);
            int paren = ddl.indexOf('(');
            if (NOT_IN_COLUMNSTORE.contains((paren < 0 ? ddl : ddl.substring(0, paren)).trim())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String createTable(TableName table, List<SqlColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column: " + table);
        }
        String definitions = columns.stream().map(this::columnDefinition).collect(joining(", "));
        if (clusteredColumnstore && columnstoreCapable(columns)) {
            definitions += ", INDEX " + quote(COLUMNSTORE_INDEX) + " CLUSTERED COLUMNSTORE";
        }
        return "CREATE TABLE " + qualify(table) + " (" + definitions + ")";
    }

    @Override
    public String columnDefinition(SqlColumn column) {
        return quote(column.name()) + " " + column.type().ddl() + (column.nullable() ? " NULL" : " NOT NULL");
    }

    @Override
    public String addColumn(TableName table, SqlColumn column) {
        return "ALTER TABLE " + qualify(table) + " ADD " + columnDefinition(column.withNullable(true));
    }

    /** T-SQL restates nullability on ALTER COLUMN, else the column silently becomes nullable. */
    @Override
    public String alterColumnType(TableName table, SqlColumn column) {
        return "ALTER TABLE " + qualify(table) + " ALTER COLUMN " + columnDefinition(column);
    }

    /** {@code sp_rename} takes the new name bare: brackets would become part of it. */
    @Override
    public String renameTable(TableName from, TableName to) {
        String procedure = from.catalog() != null ? quote(from.catalog()) + ".sys.sp_rename" : "sp_rename";
        return "EXEC " + procedure + " " + literal(qualify(new TableName(null, from.schema(), from.table()))) + ", "
                + literal(to.table()) + ", N'OBJECT'";
    }

    /**
     * Staged rows replace the target rows with the same keys whole, the rest are inserted: a
     * {@code MERGE … WHEN MATCHED THEN DELETE}, then {@code INSERT … SELECT} of every staged row,
     * in the write's one transaction. A replaced row's columns the source lacks so become NULL
     * (their default), as the shared delete-then-insert merge has it; an {@code UPDATE SET} of the
     * source's columns would keep their old values. {@code UPDLOCK, HOLDLOCK} hold the key ranges
     * to the commit, so no concurrent writer inserts a merged key between the two statements. Two
     * staged rows matching one target row make SQL Server fail the {@code MERGE} (error 8672):
     * nothing changes.
     */
    @Override
    public List<String> merge(TableName target, TableName staging, List<String> columns, List<String> keys) {
        String t = quote("hygge_target");
        String s = quote("hygge_source");
        String on = keys.stream().map(k -> t + "." + quote(k) + " = " + s + "." + quote(k)).collect(joining(" AND "));
        return List.of("MERGE INTO " + qualify(target) + " WITH (UPDLOCK, HOLDLOCK) AS " + t + " USING " + qualify(staging)
                + " AS " + s + " ON " + on + " WHEN MATCHED THEN DELETE;", insertSelect(target, staging, columns));
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT SCHEMA_NAME()")) {
            return rs.next() ? rs.getString(1) : "dbo";
        }
    }

    @Override
    public boolean tableExists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT OBJECT_ID(?, N'U')")) {
            st.setString(1, qualify(table));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getObject(1) != null;
            }
        }
    }

    @Override
    public List<SqlColumn> columns(Connection connection, TableName table) throws SQLException {
        String views = table.catalog() != null ? quote(table.catalog()) + ".INFORMATION_SCHEMA.COLUMNS" : "INFORMATION_SCHEMA.COLUMNS";
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,"
                + " DATETIME_PRECISION, IS_NULLABLE FROM " + views + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION";
        List<SqlColumn> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Integer length = integer(rs, 3);
                    Integer precision = integer(rs, 4);
                    Integer scale = integer(rs, 5);
                    Integer fraction = integer(rs, 6);
                    SqlType type = existingType(rs.getString(2), length, precision, fraction != null && isTemporal(rs.getString(2)) ? fraction : scale);
                    columns.add(new SqlColumn(rs.getString(1), type, "YES".equalsIgnoreCase(rs.getString(7)), "existing"));
                }
            }
        }
        return columns;
    }

    private static boolean isTemporal(String dataType) {
        String t = dataType.toLowerCase(Locale.ROOT);
        return t.equals("time") || t.equals("datetime2") || t.equals("datetimeoffset");
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /**
     * SQL Server's own spelling of an existing column's type: {@code NVARCHAR(MAX)} for a length
     * of -1, {@code DECIMAL(p,s)}, {@code DATETIME2(n)}.
     */
    @Override
    public SqlType existingType(String dataType, Integer characterLength, Integer precision, Integer scale) {
        String name = dataType.toUpperCase(Locale.ROOT);
        SqlType.Family family = SqlType.Family.of(dataType);
        switch (name) {
            case "NVARCHAR", "VARCHAR", "NCHAR", "CHAR", "VARBINARY", "BINARY" -> {
                boolean max = characterLength == null || characterLength <= 0;
                String ddl = name + "(" + (max ? "MAX" : characterLength) + ")";
                return new SqlType(ddl, family, max ? SqlType.UNBOUNDED : characterLength);
            }
            case "DECIMAL", "NUMERIC" -> {
                return SqlType.of(name + "(" + (precision == null ? 18 : precision) + "," + (scale == null ? 0 : scale) + ")", family);
            }
            case "TIME", "DATETIME2", "DATETIMEOFFSET" -> {
                return SqlType.of(name + "(" + (scale == null ? 7 : scale) + ")", family);
            }
            default -> {
                return SqlType.of(name, family);
            }
        }
    }
}
