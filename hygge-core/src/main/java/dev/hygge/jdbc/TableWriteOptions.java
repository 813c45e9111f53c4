package dev.hygge.jdbc;

import dev.hygge.spi.ConfigException;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SchemaInference;
import dev.hygge.schema.TypeMapper;
import dev.hygge.spi.OptionProblems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options every table Store shares. A Store's options class extends this one and adds its
 * connection settings, so YAML keys stay flat:
 *
 * <pre>{@code
 * store:
 *   type: duckdb
 *   path: warehouse.duckdb
 *   table: sales.orders
 *   if_exists: append            # append | replace | truncate | fail
 *   write_strategy: merge        # temp_swap | direct_insert | merge
 *   keys: [order_id]
 *   on_overflow: widen           # fail | widen
 *   schema_overrides: {note: VARCHAR(2000)}
 *   schema_inference: {sample_rows: 300000, buffer_factor: 1.5}
 * }</pre>
 */
public class TableWriteOptions {
    /** The table ({@code table}, {@code schema.table}); {@code {entity}} is replaced by the flow's entity. */
    public String table;
    public IfExists ifExists = IfExists.APPEND;
    public WriteStrategy writeStrategy = WriteStrategy.TEMP_SWAP;
    /** Key columns for {@link WriteStrategy#MERGE}. */
    public List<String> keys = new ArrayList<>();
    public OnOverflow onOverflow = OnOverflow.FAIL;
    /** Column name to SQL type, replacing the inferred type. */
    public Map<String, String> schemaOverrides = new LinkedHashMap<>();
    public InferenceOptions schemaInference = new InferenceOptions();

    /**
     * Reports every problem of these options to {@code problems}: the table name, the strategy and
     * its keys, and each {@code schema_overrides} type as {@code types} (the Store's dialect) parses
     * it. A table Store's factory calls it from its {@code validate}; it changes nothing.
     */
    public void check(OptionProblems problems, TypeMapper types) {
        if (table == null || table.isBlank()) {
            problems.add("table", "option 'table' is required (table or schema.table)");
        } else {
            try {
                TableName.parseChecked(table.replace("{entity}", "entity"));
            } catch (ConfigException e) {
                problems.add("table", "table '" + table + "': " + e.getMessage());
            }
        }
        if (ifExists == null || writeStrategy == null || onOverflow == null) {
            problems.add(ifExists == null ? "if_exists" : writeStrategy == null ? "write_strategy" : "on_overflow",
                    "if_exists, write_strategy and on_overflow must not be empty");
        }
        if (keys == null) {
            problems.add("keys", "keys must be a list of column names, e.g. keys: [id]");
        } else {
            if (writeStrategy == WriteStrategy.MERGE && keys.isEmpty()) {
                problems.add("write_strategy", "write_strategy merge needs keys, e.g. keys: [id]");
            }
            if (writeStrategy != null && writeStrategy != WriteStrategy.MERGE && !keys.isEmpty()) {
                problems.add("keys", "keys " + keys + " are only used by write_strategy: merge (it is "
                        + writeStrategy.name().toLowerCase(Locale.ROOT) + "); remove them or set write_strategy: merge");
            }
            if (keys.stream().anyMatch(k -> k == null || k.isBlank()) || keys.stream().distinct().count() != keys.size()) {
                problems.add("keys", "keys " + keys + " must be distinct, non-empty column names");
            }
        }
        if (schemaOverrides == null) {
            problems.add("schema_overrides", "schema_overrides must be a map of column to type, e.g. {email: VARCHAR(100)}");
        } else if (types != null) {
            schemaOverrides.forEach((column, type) -> SchemaInference.overrideProblem(types, column, type)
                    .ifPresent(why -> problems.add("schema_overrides." + column, why)));
        }
        if (schemaInference == null) {
            problems.add("schema_inference", "schema_inference must be a map of settings, e.g. {sample_rows: 300000}");
        } else {
            schemaInference.check(problems.under("schema_inference"));
        }
    }

    /**
     * Checks these options as {@link #check} does; {@code where} names the store for messages.
     *
     * @throws ConfigException listing every problem
     */
    public void validate(String where, TypeMapper types) {
        OptionProblems problems = new OptionProblems();
        check(problems, types);
        problems.throwIfAny(where);
    }

    /** {@link #validate(String, TypeMapper)} without parsing {@code schema_overrides} (the table plan parses them). */
    public void validate(String where) {
        validate(where, null);
    }

    /** The table name with {@code {entity}} replaced by {@code name}. */
    public TableName tableName(String name) {
        return TableName.parseChecked(table.replace("{entity}", name));
    }
}
