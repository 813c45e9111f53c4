package dev.hygge.mysql;

import static java.util.stream.Collectors.joining;

import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.TypeMapper;
import dev.hygge.spi.ConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL's and MariaDB's SQL for the shared table writer: backtick quoting, databases as the
 * schema part of a name ({@code shop.orders}), {@code RENAME TABLE}, {@code ALTER … MODIFY}, and
 * tables created {@code ENGINE=InnoDB} in {@code utf8mb4} with the binary collation, so text
 * compares as it was written (merge keys that differ in case stay two rows).
 *
 * <pre>{@code
 * new MysqlDialect().qualify(TableName.parse("shop.orders"));   // `shop`.`orders`
 * }</pre>
 *
 * <p>MySQL commits DDL implicitly, so nothing the writer does in its final transaction may leave the
 * table missing or half-written between two statements:
 * <ul>
 *   <li>{@code replace} is one atomic {@code RENAME TABLE t TO old, staging TO t}, then the old table
 *       is dropped ({@link #replaceTable}); a crash in between leaves the old rows under a staging
 *       name that the next write's sweep drops;</li>
 *   <li>{@code truncate} is {@code DELETE FROM} ({@link #truncate}), a row change that commits with
 *       the insert that follows it, where {@code TRUNCATE TABLE} would commit the empty table at once;</li>
 *   <li>{@code merge} deletes the rows whose keys are staged, then inserts the staged rows with
 *       {@code ON DUPLICATE KEY UPDATE} (staged rows with equal keys on a table with a unique key: the
 *       last one wins), in one transaction.</li>
 * </ul>
 */
public class MysqlDialect implements SqlDialect {
    /** MySQL's identifier limit. */
    static final int MAX_IDENTIFIER = 64;
    static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    private final MysqlTypeMapper typeMapper = new MysqlTypeMapper();
    /** The server's rules, read by the first {@link #resolve} (every write resolves its table first); null before. */
    private volatile MysqlServerRules rules;

    /** A dialect that reads the server's rules ({@link MysqlServerRules}) when it first resolves a table. */
    public MysqlDialect() {}

    /** A dialect for a server with these rules. */
    MysqlDialect(MysqlServerRules rules) {
        this.rules = java.util.Objects.requireNonNull(rules, "rules is null");
    }

    /** The rules of the server {@code connection} is on, read once. */
    MysqlServerRules rules(Connection connection) throws SQLException {
        MysqlServerRules known = rules;
        if (known == null) {
            known = MysqlServerRules.read(connection);
            rules = known;
        }
        return known;
    }

    /** Table names compare ignoring case where the server's {@code lower_case_table_names} is 1 or 2. */
    @Override
    public boolean ignoresIdentifierCase() {
        MysqlServerRules known = rules;
        return known != null && known.ignoresTableCase();
    }

    /**
     * The schema filled in, then the name as the server's {@code lower_case_table_names} names it
     * ({@link MysqlServerRules#name}), so {@code Orders} finds {@code orders} where the server folds
     * names, and the existence and column checks, staging names and the swap all use that one name.
     */
    @Override
    public TableName resolve(Connection connection, TableName table) throws SQLException {
        MysqlServerRules server = rules(connection);
        TableName named = table.withDefaultSchema(currentSchema(connection));
        return server.name(named, given -> stored(connection, given));
    }

    /** The table that equals {@code table} ignoring case, spelled as it is stored (lower_case_table_names = 2). */
    private static java.util.Optional<TableName> stored(Connection connection, TableName table) {
        try (PreparedStatement st = connection.prepareStatement("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE LOWER(table_schema) = LOWER(?) AND LOWER(table_name) = LOWER(?)")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new TableName(table.catalog(), rs.getString(1), rs.getString(2)))
                        : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new dev.hygge.spi.StoreException("looking up how table " + table + " is spelled on the server failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public StateSql stateSql() {
        return new MysqlStateSql(this);
    }

    @Override
    public TypeMapper typeMapper() {
        return typeMapper;
    }

    @Override
    public int maxIdentifierLength() {
        return MAX_IDENTIFIER;
    }

    /** {@code a`b} becomes {@code `a``b`}. */
    @Override
    public String quote(String identifier) {
        SqlDialect.checkIdentifier(identifier);
        if (identifier.length() > MAX_IDENTIFIER) {
            throw new ConfigException("identifier '" + identifier + "' is longer than MySQL's " + MAX_IDENTIFIER
                    + " characters");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public String qualify(TableName table) {
        if (table.catalog() != null) {
            throw new ConfigException("table '" + table + "' has three parts; in MySQL a table is database.table");
        }
        return SqlDialect.super.qualify(table);
    }

    /**
     * A nullable TIMESTAMP says {@code NULL} outright: where {@code explicit_defaults_for_timestamp}
     * is off (MySQL 5.7, older MariaDB) a bare one becomes NOT NULL with an automatic default.
     */
    @Override
    public String columnDefinition(SqlColumn column) {
        String definition = SqlDialect.super.columnDefinition(column);
        boolean timestamp = column.type().ddl().trim().toUpperCase(Locale.ROOT).startsWith("TIMESTAMP");
        return timestamp && column.nullable() ? definition + " NULL" : definition;
    }

    @Override
    public String createTable(TableName table, List<SqlColumn> columns) {
        return SqlDialect.super.createTable(table, columns) + TABLE_OPTIONS;
    }

    @Override
    public String addColumn(TableName table, SqlColumn column) {
        return "ALTER TABLE " + qualify(table) + " ADD COLUMN " + columnDefinition(column.withNullable(true));
    }

    @Override
    public String alterColumnType(TableName table, SqlColumn column) {
        return "ALTER TABLE " + qualify(table) + " MODIFY COLUMN " + columnDefinition(column);
    }

    @Override
    public String renameTable(TableName from, TableName to) {
        return "RENAME TABLE " + qualify(from) + " TO " + qualify(to.withDefaultSchema(from.schema()));
    }

    /** {@code DELETE FROM}: it commits with the rows inserted after it, where {@code TRUNCATE} commits at once. */
    @Override
    public String truncate(TableName table) {
        return "DELETE FROM " + qualify(table);
    }

    /**
     * One atomic rename puts the staging table in the table's place and the old table aside (under
     * a name of the target's staging prefix, so a sweep finds it if the drop never runs), then the
     * old table is dropped.
     */
    @Override
    public List<String> replaceTable(TableName target, TableName staging) {
        TableName old = retired(target, staging);
        return List.of("RENAME TABLE " + qualify(target) + " TO " + qualify(old) + ", " + qualify(staging) + " TO "
                + qualify(target), dropTable(old));
    }

    /** The name the old table has between the swap and its drop: the staging name with {@code old} for its token's end. */
    TableName retired(TableName target, TableName staging) {
        String prefix = stagingPrefix(target);
        String rest = staging.table().substring(Math.min(prefix.length(), staging.table().length()));
        String name = prefix + (rest.length() > 7 ? rest.substring(0, 7) : rest) + "old_" + target.table();
        return staging.withTable(name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name);
    }

    /**
     * Deletes the target rows whose keys are staged, then inserts the staged rows with
     * {@code ON DUPLICATE KEY UPDATE}. The update names the staged row as the server wants
     * ({@link MysqlServerRules#rowAliasMerge}): {@code VALUES(`c`)} on MariaDB and MySQL before
     * 8.0.20; on MySQL 8.0.20 and later, which deprecate {@code VALUES()}, the staged rows are a
     * derived table {@code AS new} and the update says {@code new.`c`} (MySQL's row alias
     * {@code INSERT … VALUES … AS new} exists for {@code VALUES} and {@code SET} only, not for
     * {@code INSERT … SELECT}). Unknown rules (nothing resolved yet): {@code VALUES()}, which every
     * server still takes.
     */
    @Override
    public List<String> merge(TableName target, TableName staging, List<String> columns, List<String> keys) {
        String match = keys.stream().map(k -> "s." + quote(k) + " = " + qualify(target) + "." + quote(k)).collect(joining(" AND "));
        String list = columnList(columns);
        MysqlServerRules known = rules;
        boolean alias = known != null && known.rowAliasMerge();
        String update = columns.stream().map(c -> quote(c) + " = " + (alias ? quote("new") + "." + quote(c) : "VALUES(" + quote(c) + ")"))
                .collect(joining(", "));
        String select = alias ? "SELECT * FROM (SELECT " + list + " FROM " + qualify(staging) + ") AS " + quote("new")
                : "SELECT " + list + " FROM " + qualify(staging);
        return List.of(
                "DELETE FROM " + qualify(target) + " WHERE EXISTS (SELECT 1 FROM " + qualify(staging) + " s WHERE " + match + ")",
                "INSERT INTO " + qualify(target) + " (" + list + ") " + select + " ON DUPLICATE KEY UPDATE " + update);
    }

    /** The database unqualified names resolve to: {@code DATABASE()} (the driver reports no schema). */
    @Override
    public String currentSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
            String database = rs.next() ? rs.getString(1) : null;
            if (database == null) {
                throw new ConfigException("the connection names no database, so a table without one ('t' rather than"
                        + " 'db.t') has nowhere to go; set the connection's database or write db.table");
            }
            return database;
        }
    }

    /** Staging tables by a LIKE pattern bound as a parameter (a backslash in MySQL's string literals escapes). */
    @Override
    public List<TableName> stagingTables(Connection connection, TableName target) throws SQLException {
        String prefix = stagingPrefix(target);
        List<TableName> found = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_name LIKE ? ESCAPE '!'")) {
            st.setString(1, target.schema());
            st.setString(2, prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.startsWith(prefix)) {
                        found.add(target.withTable(name));
                    }
                }
            }
        }
        return found;
    }

    /** Character and binary LOB types are limited in bytes, not by a declared length: unbounded here. */
    @Override
    public SqlType existingType(String dataType, Integer characterLength, Integer precision, Integer scale) {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (type.endsWith("text") || type.endsWith("blob") || type.equals("json")) {
            return new SqlType(type, type.endsWith("blob") ? SqlType.Family.BINARY
                    : type.equals("json") ? SqlType.Family.OTHER : SqlType.Family.TEXT, SqlType.UNBOUNDED);
        }
        if (type.equals("decimal") && precision != null) {
            return new SqlType("decimal(" + precision + "," + (scale == null ? 0 : scale) + ")", SqlType.Family.DECIMAL,
                    SqlType.UNBOUNDED);
        }
        return SqlDialect.super.existingType(dataType, characterLength, precision, scale);
    }
}
