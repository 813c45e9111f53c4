package dev.hygge.postgres;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;

/**
 * Creates PostgreSQL Homes (type {@code postgres}) over a named {@code postgres} connection.
 *
 * <pre>{@code
 * home: {type: postgres, connection: warehouse, table: "public.{entity}", partition_column: id, partitions: 4}
 * }</pre>
 */
public final class PostgresHomeFactory implements HomeFactory<PostgresHomeOptions>, HomeFactory.ReadsIncrementally,
        dev.hygge.spi.SupportsEntities {
    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Class<PostgresHomeOptions> optionsType() {
        return PostgresHomeOptions.class;
    }

    @Override
    public void validate(PostgresHomeOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public Home create(PostgresHomeOptions options, HyggeContext context) {
        return new PostgresHome(options, context.connection(options.connection, PostgresConnection.class));
    }

    /** A Home reads a table or a query: an entity's query replaces its flow's table, and the other way round. */
    @Override
    public java.util.List<java.util.Set<String>> alternatives() {
        return java.util.List.of(java.util.Set.of("table", "query"));
    }

    /** An entity of a flow whose Home names no table and no query reads the table of the entity's name. */
    @Override
    public java.util.Map<String, Object> forEntity(java.util.Map<String, Object> options, String entity) {
        if (options.get("table") != null || options.get("query") != null) {
            return options;
        }
        java.util.Map<String, Object> own = new java.util.LinkedHashMap<>(options);
        own.put("table", "{entity}");
        return own;
    }
}
