package dev.hygge.jdbc;

import dev.hygge.ConfigException;
import dev.hygge.schema.InferenceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Checks the combination; {@code where} names the store for messages. */
    public void validate(String where) {
        if (table == null || table.isBlank()) {
            throw new ConfigException(where + ": option 'table' is required (table or schema.table)");
        }
        if (ifExists == null || writeStrategy == null || onOverflow == null) {
            throw new ConfigException(where + ": if_exists, write_strategy and on_overflow must not be empty");
        }
        keys = keys == null ? new ArrayList<>() : keys;
        schemaOverrides = schemaOverrides == null ? new LinkedHashMap<>() : schemaOverrides;
        schemaInference = schemaInference == null ? new InferenceOptions() : schemaInference;
        if (writeStrategy == WriteStrategy.MERGE && keys.isEmpty()) {
            throw new ConfigException(where + ": write_strategy merge needs keys, e.g. keys: [id]");
        }
        if (writeStrategy != WriteStrategy.MERGE && !keys.isEmpty()) {
            throw new ConfigException(where + ": keys " + keys + " are only used by write_strategy: merge (it is "
                    + writeStrategy.name().toLowerCase() + "); remove them or set write_strategy: merge");
        }
        if (keys.stream().anyMatch(k -> k == null || k.isBlank()) || keys.stream().distinct().count() != keys.size()) {
            throw new ConfigException(where + ": keys " + keys + " must be distinct, non-empty column names");
        }
        schemaInference.validate(where);
    }

    /** The table name with {@code {entity}} replaced by {@code name}. */
    public TableName tableName(String name) {
        return TableName.parseChecked(table.replace("{entity}", name));
    }
}
