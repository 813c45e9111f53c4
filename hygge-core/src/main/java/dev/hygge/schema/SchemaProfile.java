package dev.hygge.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The profile of every column of a schema over a sample.
 *
 * <pre>{@code
 * SchemaProfile profile = SchemaProfiler.profile(schema, sample);
 * profile.column("name").maxLength();
 * }</pre>
 *
 * @param schema the profiled schema
 * @param columns one profile per field, in schema order
 * @param rows rows sampled
 */
public record SchemaProfile(Schema schema, List<ColumnProfile> columns, long rows) {
    public SchemaProfile {
        requireNonNull(schema, "schema is null");
        columns = List.copyOf(columns);
    }

    /** The profile of the column called {@code name}. */
    public ColumnProfile column(String name) {
        for (ColumnProfile column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + schema);
    }
}
