package dev.hygge.polish;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The last-mile finish a Store's rows get on their way from the Home ({@code store: {polish: ...}}
 * in YAML, {@code Flow.Builder.polish} in code): columns renamed, row hash ids, constant columns,
 * the load time, and Fabric Open Mirroring's {@code __rowMarker__}. It is the original hygge's
 * {@code polish:}, with its keys and meaning, applied to every Store alike as a vectorised Arrow
 * batch transform ({@link Polisher}).
 *
 * <pre>{@code
 * Polish polish = Polish.builder()
 *         .columns(true, true, ColumnCase.SNAKE)                 // remove_special, remove_spaces, case
 *         .hashId(HashId.of("row_id", "Order ID", "Line"))       // sha256 hex of "<Order ID>|<Line>"
 *         .constant(Constant.of("source", "crm"))
 *         .timestamp(LoadTimestamp.utc("loaded_at"))
 *         .rowMarker(4)                                          // __rowMarker__ = 4 (upsert), last
 *         .build();
 * hygge.flow("orders").from(...).to(...).polish(polish).run();
 * }</pre>
 *
 * <p>The output's columns, in order: the hash ids (as declared), the Home's columns (renamed), the
 * constants, the timestamps, then {@code __rowMarker__}. Hash ids are named by the column rules
 * too; constants and timestamps keep the names given. Two columns given one name is an error
 * naming both, found when the Home's schema is known ({@link #plan}): before anything is written.
 *
 * @since 0.1
 */
public final class Polish {
    /** The column Fabric Open Mirroring reads a row's change from. */
    public static final String ROW_MARKER = "__rowMarker__";
    /** The values Open Mirroring knows: 0 insert, 1 update, 2 delete, 4 upsert. */
    public static final Set<Integer> ROW_MARKERS = Set.of(0, 1, 2, 4);

    private final ColumnNames names;
    private final boolean removeSpecial;
    private final boolean removeSpaces;
    private final Optional<ColumnCase> columnCase;
    private final List<HashId> hashIds;
    private final List<Constant> constants;
    private final List<LoadTimestamp> timestamps;
    private final OptionalInt rowMarker;

    private Polish(Builder b) {
        this.removeSpecial = b.removeSpecial;
        this.removeSpaces = b.removeSpaces;
        this.columnCase = Optional.ofNullable(b.columnCase);
        this.names = new ColumnNames(b.removeSpecial, b.removeSpaces, b.columnCase);
        this.hashIds = List.copyOf(b.hashIds);
        this.constants = List.copyOf(b.constants);
        this.timestamps = List.copyOf(b.timestamps);
        this.rowMarker = b.rowMarker;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean removeSpecial() {
        return removeSpecial;
    }

    public boolean removeSpaces() {
        return removeSpaces;
    }

    public Optional<ColumnCase> columnCase() {
        return columnCase;
    }

    public List<HashId> hashIds() {
        return hashIds;
    }

    public List<Constant> constants() {
        return constants;
    }

    public List<LoadTimestamp> timestamps() {
        return timestamps;
    }

    /** The {@code __rowMarker__} value ({@code add_row_marker}), if one is added. */
    public OptionalInt rowMarker() {
        return rowMarker;
    }

    /** Whether this changes nothing. */
    public boolean isEmpty() {
        return !names.renames() && hashIds.isEmpty() && constants.isEmpty() && timestamps.isEmpty() && rowMarker.isEmpty();
    }

    /** The name a column of the Home is given. */
    public String rename(String column) {
        return names.apply(column);
    }

    ColumnNames names() {
        return names;
    }

    /**
     * This polish over rows of {@code source}: the schema the Store is given, and what makes each
     * batch of it.
     *
     * @param loadTime the run's load time, the value of every timestamp column
     * @param runId the run's id, for {@code {run_id}} in a text constant
     * @throws ConfigException every problem at once: a {@code from_columns} entry the rows do not
     *     have (or cannot hash), two columns given one name
     */
    public PolishPlan plan(Schema source, Instant loadTime, String runId) {
        return PolishPlan.of(this, requireNonNull(source, "source is null"), requireNonNull(loadTime, "loadTime is null"),
                requireNonNull(runId, "runId is null"));
    }

    /** A short line for logs: {@link #steps()} joined. */
    public String describe() {
        return String.join("; ", steps());
    }

    /** What this does, a line a step, as {@code hygge debug} prints it. */
    public List<String> steps() {
        List<String> steps = new ArrayList<>();
        if (names.renames()) {
            List<String> rules = new ArrayList<>();
            if (removeSpecial) {
                rules.add("remove_special");
            }
            if (removeSpaces) {
                rules.add("remove_spaces");
            }
            columnCase.ifPresent(c -> rules.add("case " + c.key()));
            steps.add("columns (" + String.join(", ", rules) + ")");
        }
        hashIds.forEach(h -> steps.add("hash " + h.name() + " = " + h.algorithm().key() + (h.hex() ? " hex" : "") + "("
                + String.join(" | ", h.fromColumns()) + ")"));
        constants.forEach(c -> steps.add("constant " + c.name() + " = " + c.value()));
        timestamps.forEach(t -> steps.add("timestamp " + t.name() + " = " + (t.local() ? "now_local" : "now_utc")
                + (t.text() ? " as text" + t.format().map(f -> " '" + f + "'").orElse("") : "")));
        rowMarker.ifPresent(m -> steps.add(ROW_MARKER + " = " + m));
        return List.copyOf(steps);
    }

    @Override
    public String toString() {
        return "Polish[" + describe() + "]";
    }

    /** A mutable builder; {@link #build()} checks the rules against each other. */
    public static final class Builder {
        private boolean removeSpecial;
        private boolean removeSpaces;
        private ColumnCase columnCase;
        private final List<HashId> hashIds = new ArrayList<>();
        private final List<Constant> constants = new ArrayList<>();
        private final List<LoadTimestamp> timestamps = new ArrayList<>();
        private OptionalInt rowMarker = OptionalInt.empty();

        private Builder() {}

        /** The column rules: {@code remove_special}, {@code remove_spaces}, {@code case} (null: no case change). */
        public Builder columns(boolean removeSpecial, boolean removeSpaces, ColumnCase columnCase) {
            this.removeSpecial = removeSpecial;
            this.removeSpaces = removeSpaces;
            this.columnCase = columnCase;
            return this;
        }

        public Builder hashId(HashId hashId) {
            hashIds.add(requireNonNull(hashId, "hashId is null"));
            return this;
        }

        public Builder constant(Constant constant) {
            constants.add(requireNonNull(constant, "constant is null"));
            return this;
        }

        public Builder timestamp(LoadTimestamp timestamp) {
            timestamps.add(requireNonNull(timestamp, "timestamp is null"));
            return this;
        }

        /**
         * Adds {@code __rowMarker__} with {@code value} (0 insert, 1 update, 2 delete, 4 upsert), as
         * the last column; a {@code constants} rule of that name wins, as in the original.
         */
        public Builder rowMarker(int value) {
            this.rowMarker = OptionalInt.of(value);
            return this;
        }

        /**
         * The polish, once its rules agree: names given, each hash id reading at least one column,
         * every added column's name its own, a row marker Open Mirroring knows.
         *
         * @throws ConfigException listing every problem
         */
        public Polish build() {
            List<String> problems = new ArrayList<>();
            ColumnNames names = new ColumnNames(removeSpecial, removeSpaces, columnCase);
            Map<String, String> added = new LinkedHashMap<>();
            for (HashId h : hashIds) {
                if (h.name().isBlank()) {
                    problems.add(h.described() + ": a hash id needs a name");
                }
                if (h.fromColumns().isEmpty()) {
                    problems.add(h.described() + ": from_columns is empty; name the columns the hash reads");
                }
                h.fromColumns().stream().filter(String::isBlank).findFirst()
                        .ifPresent(blank -> problems.add(h.described() + ": from_columns has an empty name"));
                addName(added, names.apply(h.name()), h.described(), problems);
            }
            for (Constant c : constants) {
                if (c.name().isBlank()) {
                    problems.add(c.described() + ": a constant needs a name");
                }
                addName(added, c.name(), c.described(), problems);
            }
            for (LoadTimestamp t : timestamps) {
                if (t.name().isBlank()) {
                    problems.add(t.described() + ": a timestamp needs a name");
                }
                addName(added, t.name(), t.described(), problems);
            }
            if (rowMarker.isPresent() && !ROW_MARKERS.contains(rowMarker.getAsInt())) {
                problems.add("add_row_marker value " + rowMarker.getAsInt()
                        + " is not one Open Mirroring knows; use 0 (insert), 1 (update), 2 (delete) or 4 (upsert)");
            }
            if (problems.size() == 1) {
                throw new ConfigException("polish: " + problems.get(0));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException("polish has " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
            }
            Polish polish = new Polish(this);
            if (rowMarker.isPresent() && added.containsKey(ROW_MARKER)) {
                polish = new Polish(withoutRowMarker());           // the explicit constant wins
            }
            return polish;
        }

        private Builder withoutRowMarker() {
            Builder copy = new Builder().columns(removeSpecial, removeSpaces, columnCase);
            copy.hashIds.addAll(hashIds);
            copy.constants.addAll(constants);
            copy.timestamps.addAll(timestamps);
            return copy;
        }

        private static void addName(Map<String, String> added, String name, String rule, List<String> problems) {
            String before = added.putIfAbsent(name, rule);
            if (before != null) {
                problems.add(rule + " adds column '" + name + "', which " + before + " adds too; give one of them another name");
            }
        }
    }
}
