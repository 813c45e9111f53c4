package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.schema.InferredSchema;
import dev.hygge.schema.SqlColumn;
import dev.hygge.spi.WritePlan;
import java.util.List;

/**
 * What a table write will do, decided before any row is written: the inferred schema, the table
 * as it is, the columns rows are loaded into, the columns schema evolution adds, and the DDL.
 * A {@link TablePlanner} makes one without writing anything (dry runs, {@code hygge debug}); a
 * write makes one under the table's lock and applies it.
 *
 * <pre>{@code
 * TablePlan plan = writer.planner().plan(request);
 * System.out.println(plan.describe());
 * }</pre>
 *
 * @param table the target, its schema resolved
 * @param exists whether the target exists now
 * @param inferred what inference decided for the source
 * @param existing the target's columns (empty when it does not exist)
 * @param load the columns each source field is loaded into, in source order (table names and types)
 * @param added columns schema evolution adds to the existing table
 * @param ddl the statements run before rows are loaded, for a table Store that creates it (the
 *     CREATE of a new table or, under {@code append}, its ALTERs); staging DDL is not listed
 * @param ifExists what if_exists does for this write: the setting, or {@code append} for an incremental
 *     run where it says replace or truncate
 * @param strategy the write strategy
 * @param incremental whether {@code ifExists} is {@code append} because the run is incremental
 */
public record TablePlan(TableName table, boolean exists, InferredSchema inferred, List<SqlColumn> existing,
                        List<SqlColumn> load, List<SqlColumn> added, List<String> ddl, IfExists ifExists,
                        WriteStrategy strategy, boolean incremental) implements WritePlan {
    public TablePlan {
        requireNonNull(table, "table is null");
        requireNonNull(inferred, "inferred is null");
        existing = List.copyOf(existing);
        load = List.copyOf(load);
        added = List.copyOf(added);
        ddl = List.copyOf(ddl);
        requireNonNull(ifExists, "ifExists is null");
        requireNonNull(strategy, "strategy is null");
    }

    /** {@link #ddl}: what a table Store runs on the table before rows arrive. */
    @Override
    public List<String> statements() {
        return ddl;
    }

    /** Table column names, in source field order. */
    public List<String> loadNames() {
        return load.stream().map(SqlColumn::name).toList();
    }

    /** Several lines: the table, what happens to it, the columns with their reasons, the DDL. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("table ").append(table).append(exists ? " (exists)" : " (new)").append(", if_exists ")
                .append(ifExists.name().toLowerCase())
                .append(incremental ? " (an incremental run adds its rows: replace and truncate apply to full loads)" : "")
                .append(", write_strategy ").append(strategy.name().toLowerCase())
                .append('\n');
        sb.append("columns (").append(inferred.profile().rows()).append(" row(s) sampled):\n");
        for (SqlColumn c : load) {
            sb.append("  ").append(c.name()).append(' ').append(c.type().ddl()).append(c.nullable() ? "" : " NOT NULL")
                    .append("  -- ").append(c.reason()).append('\n');
        }
        for (String statement : ddl) {
            sb.append(statement).append(";\n");
        }
        return sb.toString();
    }
}
