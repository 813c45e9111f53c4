package dev.hygge.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The columns inference decided for a table, with the profile they came from.
 *
 * <pre>{@code
 * InferredSchema decided = inference.infer(schema, sample);
 * decided.columns().forEach(c -> System.out.println(c.name() + " " + c.type() + "  -- " + c.reason()));
 * }</pre>
 *
 * @param columns one per source field, in source order
 * @param profile what the sample showed
 */
public record InferredSchema(List<SqlColumn> columns, SchemaProfile profile) {
    public InferredSchema {
        columns = List.copyOf(columns);
        requireNonNull(profile, "profile is null");
    }

    /** The column called {@code name}, if any. */
    public Optional<SqlColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column names in order. */
    public List<String> names() {
        return columns.stream().map(SqlColumn::name).toList();
    }

    /** One line per column: name, type, NULL/NOT NULL and why. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (SqlColumn c : columns) {
            sb.append("  ").append(c.name()).append(' ').append(c.type().ddl())
                    .append(c.nullable() ? "" : " NOT NULL").append("  -- ").append(c.reason()).append('\n');
        }
        return sb.toString();
    }
}
