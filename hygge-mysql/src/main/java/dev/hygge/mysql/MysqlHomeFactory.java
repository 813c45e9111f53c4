package dev.hygge.mysql;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.SupportsEntities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates MySQL / MariaDB Homes (type {@code mysql}) over a named {@code mysql} connection.
 *
 * <pre>{@code
 * home: {type: mysql, connection: shop, query: "SELECT * FROM shop.orders WHERE status = 'paid'"}
 * }</pre>
 */
public final class MysqlHomeFactory implements HomeFactory<MysqlHomeOptions>, HomeFactory.ReadsIncrementally,
        SupportsEntities {
    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Class<MysqlHomeOptions> optionsType() {
        return MysqlHomeOptions.class;
    }

    @Override
    public void validate(MysqlHomeOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public Home create(MysqlHomeOptions options, HyggeContext context) {
        return new MysqlHome(options, context.connection(options.connection, MysqlConnection.class));
    }

    /** A Home reads a table or a query: an entity's query replaces its flow's table, and the other way round. */
    @Override
    public List<Set<String>> alternatives() {
        return List.of(Set.of("table", "query"));
    }

    /** An entity of a flow whose Home names no table and no query reads the table of the entity's name. */
    @Override
    public Map<String, Object> forEntity(Map<String, Object> options, String entity) {
        if (options.get("table") != null || options.get("query") != null) {
            return options;
        }
        Map<String, Object> own = new LinkedHashMap<>(options);
        own.put("table", "{entity}");
        return own;
    }
}
