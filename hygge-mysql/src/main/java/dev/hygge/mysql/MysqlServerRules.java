package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between the servers the {@code mysql} type talks to, read once per dialect from
 * {@code SELECT VERSION(), @@lower_case_table_names}:
 * <ul>
 *   <li>which merge SQL the server wants: MySQL 8.0.20 and later deprecate {@code VALUES(col)} in
 *       {@code ON DUPLICATE KEY UPDATE} (warning 1287); MariaDB ("…-MariaDB…") and older MySQL take it;</li>
 *   <li>how the server folds table names ({@code lower_case_table_names}): 0 stores and compares them
 *       as written, 1 stores and compares them in lower case (database names too), 2 stores them as
 *       written and compares them in lower case.</li>
 * </ul>
 *
 * <pre>{@code
 * MysqlServerRules.of("8.0.36", 1).rowAliasMerge();                   // true
 * MysqlServerRules.of("10.11.19-MariaDB-0+deb12u1", 0).rowAliasMerge(); // false
 * }</pre>
 *
 * @param version what {@code VERSION()} says
 * @param mariadb whether the server is MariaDB (its version says "MariaDB")
 * @param major the version's first number, {@code minor} and {@code patch} the next two (0 where absent)
 * @param lowerCaseTableNames the server's {@code lower_case_table_names}: 0, 1 or 2
 */
record MysqlServerRules(String version, boolean mariadb, int major, int minor, int patch, int lowerCaseTableNames) {
    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    MysqlServerRules {
        requireNonNull(version, "version is null");
        if (lowerCaseTableNames < 0 || lowerCaseTableNames > 2) {
            throw new IllegalArgumentException("lower_case_table_names is 0, 1 or 2, not " + lowerCaseTableNames);
        }
    }

    static MysqlServerRules of(String version, int lowerCaseTableNames) {
        Matcher m = NUMBERS.matcher(version.trim());
        boolean numbered = m.find();
        return new MysqlServerRules(version, version.toLowerCase(Locale.ROOT).contains("mariadb"),
                numbered ? Integer.parseInt(m.group(1)) : 0, numbered && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0,
                numbered && m.group(3) != null ? Integer.parseInt(m.group(3)) : 0, lowerCaseTableNames);
    }

    /** The rules of the server {@code connection} is on. */
    static MysqlServerRules read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION(), @@lower_case_table_names")) {
            rs.next();
            return of(rs.getString(1), rs.getInt(2));
        }
    }

    /**
     * Whether merge names the staged row by an alias ({@code SELECT * FROM (…) AS new … b = new.b})
     * rather than {@code VALUES(b)}: MySQL from 8.0.20, where {@code VALUES()} is deprecated.
     */
    boolean rowAliasMerge() {
        return !mariadb && (major > 8 || major == 8 && (minor > 0 || patch >= 20));
    }

    /** Whether two names that differ only in case are one table on this server (settings 1 and 2). */
    boolean ignoresTableCase() {
        return lowerCaseTableNames != 0;
    }

    /**
     * {@code table} (schema filled in) as the server names it: as written at 0; in lower case at 1
     * (database and table, as the server stores them); at 2 the spelling of the table that exists
     * ({@code stored}: the table that equals it ignoring case, if any), else as written.
     */
    TableName name(TableName table, Function<TableName, Optional<TableName>> stored) {
        return switch (lowerCaseTableNames) {
            case 1 -> new TableName(table.catalog(), table.schema() == null ? null : table.schema().toLowerCase(Locale.ROOT),
                    table.table().toLowerCase(Locale.ROOT));
            case 2 -> stored.apply(table).orElse(table);
            default -> table;
        };
    }

    /** A database name as the server stores it: lower case at setting 1, else as written. */
    String database(String name) {
        return lowerCaseTableNames == 1 && name != null ? name.toLowerCase(Locale.ROOT) : name;
    }
}
