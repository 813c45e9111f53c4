package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.SupportsWritePlan;
import dev.hygge.spi.WritePlan;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What running a flow would do, decided without running it ({@link Hygge#plan(Flow)}): the Home and
 * its splits, the schema of the rows the Store would be given, and the Store's own plan where it
 * makes one ({@link SupportsWritePlan}: a table Store's columns, types and DDL).
 *
 * <pre>{@code
 * FlowPlan plan = hygge.plan(flow);
 * System.out.println(plan.describe());
 * plan.write().ifPresent(write -> write.statements().forEach(System.out::println));
 * if (plan.write().orElse(null) instanceof dev.hygge.jdbc.TablePlan table) { ... table.load() ... }
 * }</pre>
 *
 * @param flow the flow's name
 * @param entity the flow's entity, if any
 * @param home the Home, as it describes itself
 * @param splits how many splits the Home offers
 * @param store the Store as it describes itself, or its type when no Store was created
 * @param schema the schema of every stream the Store would be given (the Home's first split's)
 * @param write the Store's plan, where it makes one
 * @param note why there is no write plan, when there is none
 * @param path how the rows would move, and why: {@code in-engine (duckdb): ...} when the Home and
 *     Store share an engine that copies them itself, else {@code arrow batches: ...}; empty when no
 *     Store was created for the plan
 */
public record FlowPlan(String flow, Optional<String> entity, String home, int splits, String store, Schema schema,
                       Optional<WritePlan> write, Optional<String> note, Optional<String> path) {
    /** A plan that does not say how rows would move. */
    public FlowPlan(String flow, Optional<String> entity, String home, int splits, String store, Schema schema,
                    Optional<WritePlan> write, Optional<String> note) {
        this(flow, entity, home, splits, store, schema, write, note, Optional.empty());
    }

    public FlowPlan {
        requireNonNull(path, "path is null");
        requireNonNull(flow, "flow is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(home, "home is null");
        requireNonNull(store, "store is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(write, "write is null");
        requireNonNull(note, "note is null");
    }

    /** {@code flow} or {@code flow/entity}. */
    public String label() {
        return entity.map(e -> flow + "/" + e).orElse(flow);
    }

    /** The columns as {@code hygge debug} shows them: {@code id Int(64, true) not null, name Utf8}. */
    public String columns() {
        StringBuilder columns = new StringBuilder();
        for (Field field : schema.getFields()) {
            columns.append(columns.length() == 0 ? "" : ", ").append(field.getName()).append(' ').append(field.getType())
                    .append(field.isNullable() ? "" : " not null");
        }
        return columns.toString();
    }

    /** Several lines: the flow, its Home, the columns, how rows would move, and the Store's plan or why there is none. */
    public String describe() {
        StringBuilder sb = new StringBuilder(label()).append(":\n");
        sb.append("  home: ").append(home).append(", ").append(splits).append(splits == 1 ? " split" : " splits").append('\n');
        sb.append("  columns: ").append(columns()).append('\n');
        path.ifPresent(p -> sb.append("  path: ").append(p).append('\n'));
        sb.append("  store: ").append(store);
        if (write.isPresent()) {
            sb.append(" (nothing written), the write would be:\n");
            for (String line : write.get().describe().split("\\n")) {
                sb.append("    ").append(line).append('\n');
            }
        } else {
            sb.append(note.map(n -> ": " + n).orElse(" (nothing written)")).append('\n');
        }
        return sb.toString();
    }
}
