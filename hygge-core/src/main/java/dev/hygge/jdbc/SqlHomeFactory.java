package dev.hygge.jdbc;

import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.SupportsEntities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the factories of pooled SQL Homes share: the options' own checks, {@code table} and
 * {@code query} as alternatives, and an entity read as the table of its name. A plugin's factory
 * implements {@code type()}, {@code optionsType()} and {@code create(options, context)}.
 *
 * <pre>{@code
 * public final class PostgresHomeFactory implements SqlHomeFactory<PostgresHomeOptions> { ... }
 * }</pre>
 *
 * @param <O> the Home's options
 */
public interface SqlHomeFactory<O extends SqlHomeOptions> extends HomeFactory<O>, HomeFactory.ReadsIncrementally,
        SupportsEntities {
    /** Every problem of the options, as {@link SqlHomeOptions#check} finds them; nothing is opened. */
    @Override
    default void validate(O options, OptionProblems problems) {
        options.check(problems);
    }

    /** A Home reads a table or a query: an entity's query replaces its flow's table, and the other way round. */
    @Override
    default List<Set<String>> alternatives() {
        return List.of(Set.of("table", "query"));
    }

    /**
     * An entity of a flow whose Home names no table and no query reads the table of the entity's
     * name, as the original hygge did ({@code entities: [Account, Contact]} under
     * {@code home: {type: mssql, connection: crm}}).
     */
    @Override
    default Map<String, Object> forEntity(Map<String, Object> options, String entity) {
        if (options.get("table") != null || options.get("query") != null) {
            return options;
        }
        Map<String, Object> own = new LinkedHashMap<>(options);
        own.put("table", "{entity}");
        return own;
    }
}
