package dev.hygge.polish;

import dev.hygge.spi.ConfigException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link Polish} bound to the schema of a Home's rows: the schema the Store is given, each of its
 * columns and where it comes from, checked once for the whole flow. Immutable; each stream makes
 * its own {@link #newPolisher()} (a polisher holds digests and buffers of one thread).
 */
public final class PolishPlan {
    /** Where an output column comes from. */
    sealed interface Output permits Renamed, Hashed, Filled {
        Field field();
    }

    /** The Home's column {@code index}, renamed (or not): its buffers move over as they are. */
    record Renamed(int index, Field field) implements Output {}

    /** A hash id over the Home's columns {@code from}. */
    record Hashed(HashId rule, int[] from, Field field) implements Output {}

    /** The same value in every row: a Java {@link Integer}, {@link Long}, {@link Double}, {@link Boolean}, {@link String}, or micros. */
    record Filled(Object value, Field field, String from) implements Output {}

    private final Polish polish;
    private final Schema source;
    private final Schema schema;
    private final List<Output> outputs;

    private PolishPlan(Polish polish, Schema source, List<Output> outputs) {
        this.polish = polish;
        this.source = source;
        this.outputs = List.copyOf(outputs);
        this.schema = new Schema(outputs.stream().map(Output::field).toList(), keepsColumns() ? source.getCustomMetadata() : null);
    }

    /**
     * Whether the output's columns are the Home's, unchanged: only then does the Home's schema
     * metadata still describe them (a parquet file's Spark, pandas and Arrow schemas name its
     * columns, and Spark reads a renamed column as all NULL by them).
     */
    private boolean keepsColumns() {
        List<Field> fields = source.getFields();
        for (int i = 0; i < outputs.size(); i++) {
            if (!(outputs.get(i) instanceof Renamed renamed) || renamed.index() != i || !renamed.field().equals(fields.get(i))) {
                return false;
            }
        }
        return outputs.size() == fields.size();
    }

    static PolishPlan of(Polish polish, Schema source, Instant loadTime, String runId) {
        List<String> problems = new ArrayList<>();
        List<Output> hashes = new ArrayList<>();
        List<Field> fields = source.getFields();
        for (HashId rule : polish.hashIds()) {
            int[] from = new int[rule.fromColumns().size()];
            boolean nullable = false;
            for (int i = 0; i < from.length; i++) {
                from[i] = find(polish.names(), fields, rule, rule.fromColumns().get(i), problems);
                if (from[i] >= 0) {
                    Field f = fields.get(from[i]);
                    nullable |= f.isNullable();
                    if (!ValueText.hashable(f)) {
                        problems.add(rule.described() + ": column '" + f.getName() + "' is a " + f.getType()
                                + ", which a hash id cannot read; hash numbers, decimals, text, booleans, dates, times,"
                                + " timestamps or binary columns");
                    }
                }
            }
            ArrowType type = rule.hex() ? ArrowType.Utf8.INSTANCE : ArrowType.Binary.INSTANCE;
            hashes.add(new Hashed(rule, from, new Field(polish.rename(rule.name()), new FieldType(nullable, type, null), null)));
        }
        List<Output> outputs = new ArrayList<>(hashes);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String name = polish.rename(f.getName());
            outputs.add(new Renamed(i, name.equals(f.getName()) ? f
                    : new Field(name, f.getFieldType(), f.getChildren())));
        }
        for (Constant c : polish.constants()) {
            outputs.add(constant(c, runId));
        }
        for (LoadTimestamp t : polish.timestamps()) {
            outputs.add(timestamp(t, loadTime));
        }
        polish.rowMarker().ifPresent(m -> outputs.add(new Filled(m,
                new Field(Polish.ROW_MARKER, FieldType.notNullable(new ArrowType.Int(32, true)), null), "add_row_marker")));
        checkNames(outputs, fields, problems);
        if (problems.size() == 1) {
            throw new ConfigException("polish: " + problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("polish has " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
        }
        return new PolishPlan(polish, source, outputs);
    }

    /**
     * The Home's column a {@code from_columns} entry names: as written, else the one column whose
     * name matches it once both are put through the column rules (a project written against the
     * renamed names), as the original matched them.
     */
    private static int find(ColumnNames names, List<Field> fields, HashId rule, String wanted, List<String> problems) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(wanted)) {
                return i;
            }
        }
        String key = names.key(wanted);
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (names.key(fields.get(i).getName()).equals(key)) {
                matches.add(i);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> columns = fields.stream().map(Field::getName).toList();
        problems.add(rule.described() + ": from_columns names '" + wanted + "', which is not a column of the Home's rows"
                + (matches.size() > 1 ? " (it matches " + matches.size() + " of them once renamed; write one as it is)" : "")
                + "; columns: " + String.join(", ", columns));
        return -1;
    }

    private static Filled constant(Constant c, String runId) {
        Object value = c.value();
        ArrowType type;
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            value = ((Number) value).intValue();
            type = new ArrowType.Int(32, true);
        } else if (value instanceof Long l) {
            boolean small = l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
            value = small ? (Object) l.intValue() : l;
            type = new ArrowType.Int(small ? 32 : 64, true);
        } else if (value instanceof Number n) {
            value = n.doubleValue();
            type = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        } else if (value instanceof Boolean) {
            type = ArrowType.Bool.INSTANCE;
        } else {
            value = value.toString().replace(Constant.RUN_ID, runId);
            type = ArrowType.Utf8.INSTANCE;
        }
        return new Filled(value, new Field(c.name(), FieldType.notNullable(type), null), c.described());
    }

    private static Filled timestamp(LoadTimestamp t, Instant loadTime) {
        Instant at = loadTime.truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime time = t.local() ? OffsetDateTime.ofInstant(at, ZoneId.systemDefault()) : at.atOffset(ZoneOffset.UTC);
        if (t.text()) {
            String text = t.format().map(f -> Strftime.format(f, time, !t.local())).orElseGet(() -> Strftime.isoformat(time, !t.local()));
            return new Filled(text, new Field(t.name(), FieldType.notNullable(ArrowType.Utf8.INSTANCE), null), t.described());
        }
        // now_local: the wall clock, stored as a timestamp without zone (its micros read as if UTC)
        LocalDateTime wall = time.toLocalDateTime();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, wall.toInstant(ZoneOffset.UTC));
        ArrowType type = new ArrowType.Timestamp(TimeUnit.MICROSECOND, t.local() ? null : "UTC");
        return new Filled(micros, new Field(t.name(), FieldType.notNullable(type), null), t.described());
    }

    /** Every output name once: two the same is a problem naming where each came from. */
    private static void checkNames(List<Output> outputs, List<Field> fields, List<String> problems) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Output o : outputs) {
            String from = o instanceof Renamed r ? "the Home's column '" + fields.get(r.index()).getName() + "'"
                    : o instanceof Hashed h ? h.rule().described() : ((Filled) o).from();
            byName.computeIfAbsent(o.field().getName(), k -> new ArrayList<>()).add(from);
        }
        byName.forEach((name, from) -> {
            if (from.size() > 1) {
                problems.add("two columns would be named '" + name + "': " + String.join(" and ", from)
                        + "; rename one at the Home, give the added column another name, or change the column rules");
            }
        });
    }

    /** The polish this plan binds. */
    public Polish polish() {
        return polish;
    }

    /** The schema of the Home's rows. */
    public Schema source() {
        return source;
    }

    /** The schema the Store is given. */
    public Schema schema() {
        return schema;
    }

    List<Output> outputs() {
        return outputs;
    }

    /** A polisher for one thread. */
    public Polisher newPolisher() {
        return new Polisher(this);
    }

    /** What became of each renamed column: {@code Order ID -> OrderId}. */
    public List<String> renames() {
        List<String> renames = new ArrayList<>();
        for (Output o : outputs) {
            if (o instanceof Renamed r) {
                String before = source.getFields().get(r.index()).getName();
                if (!before.equals(r.field().getName())) {
                    renames.add(before + " -> " + r.field().getName());
                }
            }
        }
        return renames;
    }
}
