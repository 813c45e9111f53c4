package dev.hygge.schema;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the columns of a table from an Arrow schema and a sample of its rows: profile, map
 * through a dialect's {@link TypeMapper}, apply per-column overrides. Writes nothing, so it also
 * serves dry runs.
 *
 * <pre>{@code
 * SchemaInference inference = SchemaInference.builder(dialect.typeMapper())
 *         .options(options)                                   // sample_rows, buffer_factor, min/max_varchar
 *         .overrides(Map.of("email", "VARCHAR(100)"))         // schema_overrides
 *         .where("Store 'duckdb' table main.users")
 *         .build();
 * InferredSchema decided = inference.infer(request.schema(), request.sample());
 * }</pre>
 *
 * <p>An override may end in {@code NOT NULL} or {@code NULL}. An override naming a column the
 * source does not have, or a type the dialect does not know, is a {@link ConfigException}.
 * Columns are nullable unless the Arrow field is declared non-nullable.
 */
public final class SchemaInference {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInference.class);
    private static final Pattern NULLABILITY = Pattern.compile("(?i)^(.*?)\\s+(NOT\\s+NULL|NULL)\\s*$");

    private final TypeMapper mapper;
    private final InferenceOptions options;
    private final Map<String, String> overrides;
    private final String where;

    private SchemaInference(Builder builder) {
        this.mapper = builder.mapper;
        this.options = builder.options;
        this.overrides = Map.copyOf(builder.overrides);
        this.where = builder.where;
    }

    public static Builder builder(TypeMapper mapper) {
        return new Builder(mapper);
    }

    public InferenceOptions options() {
        return options;
    }

    /** The batches to profile: all of the sample, or its first {@code sample_batches}. */
    public List<VectorSchemaRoot> limit(List<VectorSchemaRoot> sample) {
        if (options.sampleBatches != null && sample.size() > options.sampleBatches) {
            return sample.subList(0, options.sampleBatches);
        }
        return sample;
    }

    /**
     * Decides the columns for {@code schema} from {@code sample}.
     *
     * @throws ConfigException for an override naming an unknown column or type
     * @throws dev.hygge.spi.StoreException for a source type the dialect cannot hold
     */
    public InferredSchema infer(Schema schema, List<VectorSchemaRoot> sample) {
        requireNonNull(schema, "schema is null");
        checkOverrideColumns(schema);
        SchemaProfile profile = SchemaProfiler.profile(schema, limit(sample));
        List<SqlColumn> columns = new ArrayList<>();
        for (ColumnProfile column : profile.columns()) {
            String override = overrides.get(column.name());
            if (override != null) {
                columns.add(override(column, override));
            } else {
                String reason = mapper.readsSample(column.field()) ? reason(column) : "from " + column.type();
                columns.add(new SqlColumn(column.name(), mapper.map(column, options), column.nullable(), reason));
            }
        }
        InferredSchema decided = new InferredSchema(columns, profile);
        LOG.debug("{}: inferred from {} sampled row(s):\n{}", where, profile.rows(), decided.describe());
        return decided;
    }

    private SqlColumn override(ColumnProfile column, String text) {
        try {
            ParsedOverride parsed = parseOverride(mapper, text);
            return new SqlColumn(column.name(), parsed.type(), parsed.nullable().orElse(column.nullable()), "schema_overrides");
        } catch (ConfigException e) {
            throw new ConfigException(where + ": schema_overrides." + column.name() + " = '" + text
                    + "' is not a valid type: " + e.getMessage(), e);
        }
    }

    /** A parsed {@code schema_overrides} entry: the type, and NULL / NOT NULL when it says so. */
    private record ParsedOverride(SqlType type, java.util.Optional<Boolean> nullable) {}

    private static ParsedOverride parseOverride(TypeMapper mapper, String text) {
        String type = text.trim();
        java.util.Optional<Boolean> nullable = java.util.Optional.empty();
        Matcher m = NULLABILITY.matcher(type);
        if (m.matches()) {
            type = m.group(1).trim();
            nullable = java.util.Optional.of(!m.group(2).toUpperCase(Locale.ROOT).startsWith("NOT"));
        }
        return new ParsedOverride(mapper.parse(type), nullable);
    }

    /**
     * Why {@code text}, the {@code schema_overrides} type of {@code column}, cannot be used with
     * {@code mapper}'s dialect; empty when it can. Stores call it when their options are checked, so
     * a type the dialect cannot parse is reported before a run rather than when the table is planned.
     */
    public static java.util.Optional<String> overrideProblem(TypeMapper mapper, String column, String text) {
        requireNonNull(mapper, "mapper is null");
        if (text == null || text.isBlank()) {
            return java.util.Optional.of("schema_overrides." + column + " is empty; give a type such as VARCHAR(100)");
        }
        try {
            parseOverride(mapper, text);
            return java.util.Optional.empty();
        } catch (ConfigException e) {
            return java.util.Optional.of("schema_overrides." + column + " = '" + text + "' is not a valid type: " + e.getMessage());
        }
    }

    private void checkOverrideColumns(Schema schema) {
        List<String> names = schema.getFields().stream().map(Field::getName).toList();
        for (String column : overrides.keySet()) {
            if (!names.contains(column)) {
                throw new ConfigException(where + ": schema_overrides names column '" + column
                        + "', which the source does not have; its columns are " + names);
            }
        }
    }

    private static String reason(ColumnProfile column) {
        if (column.declaredLength().isPresent()) {
            return "declared length " + column.declaredLength().getAsInt();
        }
        if (column.rows() == 0) {
            return "no rows sampled";
        }
        if (column.allNull()) {
            return "all " + column.rows() + " sampled values null";
        }
        if (column.maxLength() >= 0) {
            return "longest of " + column.rows() + " sampled: " + column.maxLength();
        }
        return "from " + column.type();
    }

    /** Builds a {@link SchemaInference}; defaults: {@link InferenceOptions} defaults, no overrides. */
    public static final class Builder {
        private final TypeMapper mapper;
        private InferenceOptions options = new InferenceOptions();
        private Map<String, String> overrides = Map.of();
        private String where = "schema inference";

        private Builder(TypeMapper mapper) {
            this.mapper = requireNonNull(mapper, "mapper is null");
        }

        public Builder options(InferenceOptions options) {
            this.options = requireNonNull(options, "options is null");
            return this;
        }

        /** Column name to type, as in {@code schema_overrides}. */
        public Builder overrides(Map<String, String> overrides) {
            this.overrides = new LinkedHashMap<>(requireNonNull(overrides, "overrides is null"));
            return this;
        }

        /** What is being written, for messages. */
        public Builder where(String where) {
            this.where = requireNonNull(where, "where is null");
            return this;
        }

        public SchemaInference build() {
            options.validate(where);
            overrides.forEach((k, v) -> {
                if (v == null || v.isBlank()) {
                    throw new ConfigException(where + ": schema_overrides." + k + " is empty; give a type such as VARCHAR(100)");
                }
            });
            return new SchemaInference(this);
        }
    }
}
