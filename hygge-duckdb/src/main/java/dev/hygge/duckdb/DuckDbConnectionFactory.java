package dev.hygge.duckdb;

import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.MemoryLimit;
import dev.hygge.spi.OptionProblems;

/**
 * The {@code duckdb} connection type: one open database shared by every Home and Store of a run
 * that names it ({@code connection: warehouse}).
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: duckdb, path: data/warehouse.duckdb}
 * }</pre>
 */
public final class DuckDbConnectionFactory implements ConnectionFactory<DuckDbConnectionOptions> {
    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<DuckDbConnectionOptions> optionsType() {
        return DuckDbConnectionOptions.class;
    }

    @Override
    public void validate(DuckDbConnectionOptions options, OptionProblems problems) {
        if (options.path == null || options.path.isBlank()) {
            problems.add("path", "option 'path' is empty; give a database file or :memory:");
        }
        MemoryLimit.validate(options.memoryLimit, problems, DuckDbStoreFactory.MEMORY_LIMIT_UNSET);
    }

    @Override
    public DuckDbDatabase open(String name, DuckDbConnectionOptions options, HyggeContext context) {
        return DuckDbDatabase.open(name, options.path, options.readOnly, MemoryLimit.bytes(options.memoryLimit));
    }
}
