package dev.hygge.examples.faults;

import java.util.Map;

/** What a fault trial writes: a Store type, its settings, and the states a reader may see. */
enum Kind {
    PARQUET_REPLACE("parquet", "replace", null),
    PARQUET_APPEND("parquet", "append", null),
    DUCKDB_REPLACE("duckdb", "replace", "temp_swap"),
    DUCKDB_APPEND("duckdb", "append", "temp_swap"),
    DUCKDB_MERGE("duckdb", "append", "merge");

    private final String store;
    private final String ifExists;
    private final String strategy;

    Kind(String store, String ifExists, String strategy) {
        this.store = store;
        this.ifExists = ifExists;
        this.strategy = strategy;
    }

    String store() {
        return store;
    }

    boolean parquet() {
        return store.equals("parquet");
    }

    boolean merge() {
        return "merge".equals(strategy);
    }

    boolean replace() {
        return ifExists.equals("replace");
    }

    /** The Store's options for {@code destination} (a folder, or a DuckDB file whose table is {@code t}). */
    Map<String, Object> options(String destination) {
        if (parquet()) {
            return Map.of("path", destination, "if_exists", ifExists, "rows_per_file", 50_000);
        }
        return merge() ? Map.of("path", destination, "table", "t", "write_strategy", strategy, "keys", java.util.List.of("id"))
                : Map.of("path", destination, "table", "t", "if_exists", ifExists, "write_strategy", strategy);
    }
}
