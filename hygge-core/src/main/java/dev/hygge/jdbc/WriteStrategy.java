package dev.hygge.jdbc;

/**
 * How rows reach a table ({@code write_strategy:}).
 *
 * <pre>{@code
 * store: {type: duckdb, table: users, write_strategy: merge, keys: [id]}
 * }</pre>
 */
public enum WriteStrategy {
    /**
     * Default: rows land in a staging table, then one transaction applies them per
     * {@link IfExists}; a failed flow changes nothing.
     */
    TEMP_SWAP,
    /** Rows go straight into the table: fastest; a failure can leave the rows already written. */
    DIRECT_INSERT,
    /** Staged like {@link #TEMP_SWAP}, then upserted on {@code keys}: matching rows are replaced, the rest added. */
    MERGE
}
