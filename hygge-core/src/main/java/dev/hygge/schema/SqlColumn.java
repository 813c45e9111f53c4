package dev.hygge.schema;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table to create or of a table that exists.
 *
 * <pre>{@code
 * new SqlColumn("email", SqlType.text("VARCHAR(75)", 75), true, "inferred: longest 50 characters");
 * }</pre>
 *
 * @param name the column name, unquoted, exactly as in the source
 * @param type the SQL type
 * @param nullable whether NULL is allowed
 * @param reason why this type was chosen, for the log and dry runs ({@code "override"}, {@code "existing"}...)
 */
public record SqlColumn(String name, SqlType type, boolean nullable, String reason) {
    public SqlColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(reason, "reason is null");
    }

    public SqlColumn withType(SqlType newType, String newReason) {
        return new SqlColumn(name, newType, nullable, newReason);
    }

    public SqlColumn withNullable(boolean newNullable) {
        return new SqlColumn(name, type, newNullable, reason);
    }
}
