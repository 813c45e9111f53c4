package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's name in up to three parts, unquoted. Parsing understands {@code "quoted"} and
 * {@code [bracketed]} parts, so a dot inside quotes stays part of the name. Dialects quote each
 * part when they write SQL; a name is never concatenated raw.
 *
 * <pre>{@code
 * TableName.parse("sales.\"order.lines\"");   // schema "sales", table "order.lines"
 * TableName.of("users");                      // the connection's current schema
 * }</pre>
 *
 * @param catalog the database/catalog, or null
 * @param schema the schema, or null for the connection's current one
 * @param table the table
 */
public record TableName(String catalog, String schema, String table) {
    public TableName {
        requireNonNull(table, "table is null");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("table name is empty");
        }
    }

    public static TableName of(String table) {
        return new TableName(null, null, table);
    }

    public static TableName of(String schema, String table) {
        return new TableName(null, schema, table);
    }

    /**
     * Parses {@code table}, {@code schema.table} or {@code catalog.schema.table}; spaces around an
     * unquoted part are dropped.
     *
     * @throws ConfigException for an empty part, an unclosed quote or more than three parts
     */
    public static TableName parse(String text) {
        return parse(text, false);
    }

    /**
     * Parses a name that is about to become a table, as {@link #parse} but stricter: a space at the
     * start or end of an unquoted part (an entity {@code "orders "}) and a control character
     * anywhere are errors, because they would silently land in another table or in one nobody can
     * name again.
     *
     * @throws ConfigException naming the text and what to change
     */
    public static TableName parseChecked(String text) {
        requireNonNull(text, "text is null");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ConfigException("Table name '" + printable(text) + "' has a control character (U+"
                        + String.format("%04X", (int) c) + "); remove it from the name");
            }
        }
        if (text.isBlank()) {
            throw new ConfigException("Table name '" + text + "' is empty; write table, schema.table or catalog.schema.table");
        }
        return parse(text, true);
    }

    private static TableName parse(String text, boolean strict) {
        requireNonNull(text, "text is null");
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quotedPart = false;
        int i = 0;
        while (i <= text.length()) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (i < text.length() && (c == '"' || c == '[' || c == '`') && part.length() == 0 && !quotedPart) {
                char close = c == '[' ? ']' : c;
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new ConfigException("Table name '" + text + "' has an unclosed " + c);
                    }
                    if (text.charAt(j) == close) {
                        if (j + 1 < text.length() && text.charAt(j + 1) == close) {
                            part.append(close);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    part.append(text.charAt(j++));
                }
                quotedPart = true;
                i = j + 1;
                continue;
            }
            if (c == '.') {
                String value = quotedPart ? part.toString() : part.toString().trim();
                if (value.isEmpty()) {
                    throw new ConfigException("Table name '" + text + "' has an empty part; write table, schema.table or catalog.schema.table");
                }
                if (strict && !quotedPart && !value.equals(part.toString())) {
                    throw spaces(text);
                }
                parts.add(value);
                part.setLength(0);
                quotedPart = false;
            } else if (quotedPart) {
                if (!Character.isWhitespace(c)) {
                    throw new ConfigException("Table name '" + text + "' has text after a quoted part: '" + c + "'");
                }
                if (strict) {
                    throw spaces(text);
                }
            } else {
                part.append(c);
            }
            i++;
        }
        return switch (parts.size()) {
            case 1 -> new TableName(null, null, parts.get(0));
            case 2 -> new TableName(null, parts.get(0), parts.get(1));
            case 3 -> new TableName(parts.get(0), parts.get(1), parts.get(2));
            default -> throw new ConfigException("Table name '" + text + "' has " + parts.size()
                    + " parts; write table, schema.table or catalog.schema.table");
        };
    }

    private static ConfigException spaces(String text) {
        return new ConfigException("Table name '" + text + "' has a space at the start or end of a part; remove it, or"
                + " quote the part (\"my table\") if the space belongs to the name");
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** The same catalog and schema, another table. */
    public TableName withTable(String newTable) {
        return new TableName(catalog, schema, newTable);
    }

    /** The same name with the schema filled in when it was missing. */
    public TableName withDefaultSchema(String defaultSchema) {
        return schema != null || defaultSchema == null ? this : new TableName(catalog, defaultSchema, table);
    }

    /** The name as dotted text, for messages (not for SQL). */
    @Override
    public String toString() {
        return (catalog != null ? catalog + "." : "") + (schema != null ? schema + "." : "") + table;
    }
}
