package dev.hygge.postgres;

import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.SqlColumn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's SQL for the shared table writer: the standard dialect (double-quoted identifiers,
 * {@code information_schema}, {@code ALTER TABLE … RENAME TO}, transactional DDL, so a
 * {@code temp_swap}'s drop-and-rename commits with its rows or not at all) and what PostgreSQL
 * spells its own way:
 *
 * <ul>
 *   <li>{@code merge}: the shared statements, kept on purpose: in one transaction, delete the
 *       target rows whose keys are staged, then insert every staged row, so a staged row replaces
 *       its old row whole (a column the source lacks becomes NULL, as the contract suite
 *       demands). {@code INSERT … ON CONFLICT (keys) DO UPDATE} needs a unique index on exactly
 *       the keys, which an inferred or user-made table need not have, and, like {@code MERGE}
 *       (PostgreSQL 15+), updates only the columns it names and fails on two staged rows of one
 *       key; the delete-and-insert needs neither and runs on every supported version.</li>
 *   <li>identifiers are at most 63 <em>bytes</em> of UTF-8 (PostgreSQL truncates longer ones
 *       silently): a staging table's name is cut on a character boundary within them.</li>
 *   <li>existing columns read from {@code pg_attribute} with {@code format_type} ({@code character
 *       varying(40)}, {@code integer[]}, an enum's qualified name), not {@code information_schema}'s
 *       {@code ARRAY}/{@code USER-DEFINED}: a staging table is made of exactly the table's types.</li>
 * </ul>
 *
 * <pre>{@code
 * new PostgresDialect().createTable(TableName.parse("s.t"), columns);   // CREATE TABLE "s"."t" ("id" BIGINT NOT NULL, ...)
 * }</pre>
 */
public final class PostgresDialect extends StandardDialect {
    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    public PostgresDialect() {
        super("postgres", new PostgresTypeMapper());
    }

    @Override
    public TableName stagingTable(TableName target, String token) {
        TableName staging = super.stagingTable(target, token);
        return staging.withTable(fit(staging.table()));
    }

    /** {@code name} cut to at most 63 bytes of UTF-8, on a character boundary. */
    static String fit(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_IDENTIFIER_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /**
     * The columns of {@code table} as PostgreSQL declares them ({@code format_type}: {@code character
     * varying(40)}, {@code numeric(12,2)}, {@code integer[]}, an enum by its qualified name), so a
     * staging table made from them is of exactly the table's types; empty when it does not exist.
     */
    @Override
    public List<SqlColumn> columns(Connection connection, TableName table) throws SQLException {
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, a.atttypmod, NOT a.attnotnull"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        List<SqlColumn> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, qualify(table));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String ddl = rs.getString(2);
                    String typname = rs.getString(3);
                    int typmod = rs.getInt(4);
                    SqlType.Family family = typname.startsWith("_") ? SqlType.Family.OTHER : SqlType.Family.of(ddl);
                    int length = (typname.equals("varchar") || typname.equals("bpchar")) && typmod >= 4 ? typmod - 4
                            : SqlType.UNBOUNDED;
                    columns.add(new SqlColumn(rs.getString(1), new SqlType(ddl, family, length), rs.getBoolean(5), "existing"));
                }
            }
        }
        return columns;
    }

    @Override
    public String errorLine(Throwable error) {
        String line = super.errorLine(error);
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }
}
