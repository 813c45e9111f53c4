package dev.hygge.duckdb;

import dev.hygge.spi.Split;

/**
 * The one split of a {@link DuckDbHome}: the query it runs.
 *
 * @param sql the query
 */
public record DuckDbSplit(String sql) implements Split {
    private static final long serialVersionUID = 1L;

    @Override
    public String describe() {
        return sql;
    }
}
