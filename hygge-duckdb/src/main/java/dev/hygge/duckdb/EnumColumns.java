package dev.hygge.duckdb;

import dev.hygge.spi.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB exports an ENUM column as an Arrow dictionary-encoded vector, and the hand-off between a
 * Home and a Store carries batches, not dictionaries: a Store importing such a stream would read a
 * dictionary that is not there (the JVM crashed in DuckDB's import). So the Home reads an ENUM as
 * its label, {@code CAST(c AS VARCHAR)}, the value every Store can keep; an ENUM nested in a list,
 * struct or map is refused with what to do, since its cast depends on the whole nested type.
 */
final class EnumColumns {
    private EnumColumns() {
    }

    /**
     * {@code sql} itself when no column is dictionary-encoded, else {@code sql} wrapped so that each
     * ENUM column is read as VARCHAR under its own name, the columns in their order.
     *
     * @throws ConfigException naming the column when an ENUM sits inside a nested column
     */
    static String asLabels(String sql, Schema schema, String where) {
        List<String> casts = new ArrayList<>();
        DuckDbDialect dialect = new DuckDbDialect();
        for (Field field : schema.getFields()) {
            if (field.getDictionary() != null) {
                String name = dialect.quote(field.getName());
                casts.add("CAST(e." + name + " AS VARCHAR) AS " + name);
            } else if (nestedDictionary(field)) {
                throw new ConfigException(where + ": column '" + field.getName() + "' holds an ENUM inside a "
                        + field.getType().getTypeID().name().toLowerCase(java.util.Locale.ROOT)
                        + ", which hygge cannot hand on as it is; read it with a query: that casts the ENUM to VARCHAR,"
                        + " e.g. query: SELECT * REPLACE (CAST(" + dialect.quote(field.getName()) + " AS VARCHAR[]) AS "
                        + dialect.quote(field.getName()) + ") FROM ...");
            }
        }
        return casts.isEmpty() ? sql : "SELECT * REPLACE (" + String.join(", ", casts) + ") FROM (" + sql + ") e";
    }

    private static boolean nestedDictionary(Field field) {
        for (Field child : field.getChildren()) {
            if (child.getDictionary() != null || nestedDictionary(child)) {
                return true;
            }
        }
        return false;
    }
}
