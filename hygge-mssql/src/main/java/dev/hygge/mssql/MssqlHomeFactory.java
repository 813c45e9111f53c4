package dev.hygge.mssql;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;

/**
 * Creates SQL Server Homes (type {@code mssql}) over a named {@code mssql} connection.
 *
 * <pre>{@code
 * home: {type: mssql, connection: warehouse, query: "SELECT * FROM crm.Contact WHERE IsDeleted = 0"}
 * }</pre>
 */
public final class MssqlHomeFactory implements HomeFactory<MssqlHomeOptions>, HomeFactory.ReadsIncrementally,
        dev.hygge.spi.SupportsEntities {
    @Override
    public String type() {
        return "mssql";
    }

    @Override
    public Class<MssqlHomeOptions> optionsType() {
        return MssqlHomeOptions.class;
    }

    /** Every problem of the options, as {@link MssqlHomeOptions#check} finds them; nothing is opened. */
    @Override
    public void validate(MssqlHomeOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public Home create(MssqlHomeOptions options, HyggeContext context) {
        return new MssqlHome(options, context.connection(options.connection, MssqlConnection.class));
    }

    /** A Home reads a table or a query: an entity's query replaces its flow's table, and the other way round. */
    @Override
    public java.util.List<java.util.Set<String>> alternatives() {
        return java.util.List.of(java.util.Set.of("table", "query"));
    }

    /**
     * An entity of a flow whose Home names no table and no query reads the table of the entity's
     * name, as the original hygge did ({@code entities: [Account, Contact]} under
     * {@code home: {type: mssql, connection: crm}}).
     */
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
