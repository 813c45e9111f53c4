package dev.hygge.jdbc;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.OptionProblems;

/** The checks every SQL Home makes of the source it reads: a {@code table} or a {@code query}, and {@code {entity}} only with an entity. */
public final class SourceOptions {
    private SourceOptions() {}

    /**
     * Reports, with their keys: neither or both of {@code table} and {@code query}; a table name the
     * shared rules refuse (unless it waits for {@code {entity}}); {@code {entity}} in either without
     * an entity to put there.
     */
    public static void check(String table, String query, String entity, OptionProblems problems) {
        boolean hasTable = table != null && !table.isBlank();
        boolean hasQuery = query != null && !query.isBlank();
        if (hasTable == hasQuery) {
            problems.add(hasTable ? "query" : "", "give exactly one of 'table' or 'query'");
        }
        if (hasTable && !table.contains("{entity}")) {
            try {
                TableName.parseChecked(table);
            } catch (ConfigException e) {
                problems.add("table", "table '" + table + "': " + e.getMessage());
            }
        }
        for (String key : new String[] {"table", "query"}) {
            String text = key.equals("table") ? table : query;
            if (text != null && text.contains("{entity}") && (entity == null || entity.isBlank())) {
                problems.add(key, "'" + text + "' uses {entity} but no entity is set; add entities: to the flow");
            }
        }
    }

    /**
     * Reports, under {@code partitions}: fewer than 1 partition, or more than 1 without a
     * {@code partition_column} to cut into key ranges ({@link KeyRanges}).
     */
    public static void checkPartitions(String partitionColumn, int partitions, OptionProblems problems) {
        if (partitions < 1) {
            problems.add("partitions", "partitions must be at least 1, not " + partitions);
        }
        if (partitions > 1 && (partitionColumn == null || partitionColumn.isBlank())) {
            problems.add("partitions", "partitions " + partitions + " needs partition_column (an integer column)");
        }
    }

    /** {@code text} (a table or query, may be null) with {@code {entity}} replaced by {@code entity}, when there is one. */
    public static String resolve(String text, String entity) {
        return text == null ? null : entity == null ? text : text.replace("{entity}", entity);
    }
}
