package dev.hygge.postgres;

import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlType;
import java.nio.charset.StandardCharsets;

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
 *   <li>existing columns read back with their PostgreSQL names ({@code character varying(40)},
 *       arrays as {@code integer[]}), so widening and evolution see the real type.</li>
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

    @Override
    public SqlType existingType(String dataType, Integer characterLength, Integer precision, Integer scale) {
        String type = dataType.toLowerCase(java.util.Locale.ROOT);
        if (type.equals("numeric") && precision != null && precision > 0) {
            return SqlType.of("NUMERIC(" + precision + "," + (scale == null ? 0 : scale) + ")", SqlType.Family.DECIMAL);
        }
        if (type.equals("array") || type.equals("user-defined")) {
            return SqlType.of(type, SqlType.Family.OTHER);
        }
        return super.existingType(dataType, characterLength, precision, scale);
    }

    @Override
    public String errorLine(Throwable error) {
        String line = super.errorLine(error);
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }
}
