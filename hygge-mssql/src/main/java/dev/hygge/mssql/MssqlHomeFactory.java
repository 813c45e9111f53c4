package dev.hygge.mssql;

import dev.hygge.jdbc.SqlHomeFactory;
import dev.hygge.spi.Home;
import dev.hygge.spi.HyggeContext;

/**
 * Creates SQL Server Homes (type {@code mssql}) over a named {@code mssql} connection; checks,
 * alternatives and entities as every {@link SqlHomeFactory}.
 *
 * <pre>{@code
 * home: {type: mssql, connection: warehouse, query: "SELECT * FROM crm.Contact WHERE IsDeleted = 0"}
 * }</pre>
 */
public final class MssqlHomeFactory implements SqlHomeFactory<MssqlHomeOptions> {
    @Override
    public String type() {
        return "mssql";
    }

    @Override
    public Class<MssqlHomeOptions> optionsType() {
        return MssqlHomeOptions.class;
    }

    @Override
    public Home create(MssqlHomeOptions options, HyggeContext context) {
        return new MssqlHome(options, context.connection(options.connection, MssqlConnection.class));
    }
}
