package dev.hygge.postgres;

import dev.hygge.jdbc.SqlHomeFactory;
import dev.hygge.spi.Home;
import dev.hygge.spi.HyggeContext;

/**
 * Creates PostgreSQL Homes (type {@code postgres}) over a named {@code postgres} connection; checks, alternatives
 * and entities as every {@link SqlHomeFactory}.
 *
 * <pre>{@code
 * home: {type: postgres, connection: warehouse, table: "public.{entity}", partition_column: id, partitions: 4}
 * }</pre>
 */
public final class PostgresHomeFactory implements SqlHomeFactory<PostgresHomeOptions> {
    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Class<PostgresHomeOptions> optionsType() {
        return PostgresHomeOptions.class;
    }

    @Override
    public Home create(PostgresHomeOptions options, HyggeContext context) {
        return new PostgresHome(options, context.connection(options.connection, PostgresConnection.class));
    }
}
