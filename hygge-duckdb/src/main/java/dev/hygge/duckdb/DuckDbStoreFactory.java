package dev.hygge.duckdb;

import dev.hygge.ConfigException;
import dev.hygge.StoreException;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.StoreFactory;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Creates {@link DuckDbStore}s: type {@code duckdb}.
 *
 * <pre>{@code
 * store: {type: duckdb, path: warehouse.duckdb, table: orders}
 * }</pre>
 */
public final class DuckDbStoreFactory implements StoreFactory<DuckDbStoreOptions> {
    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<DuckDbStoreOptions> optionsType() {
        return DuckDbStoreOptions.class;
    }

    @Override
    public DuckDbStore create(DuckDbStoreOptions options, HyggeContext context) {
        String where = "Store 'duckdb'";
        options.validate(where);
        if (options.maxStreams < 1) {
            throw new ConfigException(where + ": max_streams must be at least 1, not " + options.maxStreams);
        }
        boolean owns = options.connection == null;
        DuckDbDatabase database = DuckDbDatabase.resolve(options.connection, options.path, context, where, "store",
                StoreException::new);
        BufferAllocator allocator = context.allocator().newChildAllocator("duckdb store " + options.table, 0, Long.MAX_VALUE);
        return new DuckDbStore(options, database, owns, allocator);
    }
}
