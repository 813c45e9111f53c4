package dev.hygge.postgres;

import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.StoreFactory;

/**
 * Creates PostgreSQL Stores (type {@code postgres}) over a named {@code postgres} connection.
 *
 * <pre>{@code
 * store: {type: postgres, connection: warehouse, table: "public.{entity}", write_strategy: merge, keys: [id]}
 * }</pre>
 */
public final class PostgresStoreFactory implements StoreFactory<PostgresStoreOptions>, StoreFactory.PlansWrites,
        StoreFactory.KeepsState {
    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Class<PostgresStoreOptions> optionsType() {
        return PostgresStoreOptions.class;
    }

    @Override
    public void validate(PostgresStoreOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public PostgresStore create(PostgresStoreOptions options, HyggeContext context) {
        return new PostgresStore(options, context.connection(options.connection, PostgresConnection.class), context.allocator());
    }
}
