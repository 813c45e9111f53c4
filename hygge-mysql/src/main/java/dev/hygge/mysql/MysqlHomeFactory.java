package dev.hygge.mysql;

import dev.hygge.jdbc.SqlHomeFactory;
import dev.hygge.spi.Home;
import dev.hygge.spi.HyggeContext;

/**
 * Creates MySQL / MariaDB Homes (type {@code mysql}) over a named {@code mysql} connection; checks, alternatives
 * and entities as every {@link SqlHomeFactory}.
 *
 * <pre>{@code
 * home: {type: mysql, connection: shop, query: "SELECT * FROM shop.orders WHERE status = 'paid'"}
 * }</pre>
 */
public final class MysqlHomeFactory implements SqlHomeFactory<MysqlHomeOptions> {
    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Class<MysqlHomeOptions> optionsType() {
        return MysqlHomeOptions.class;
    }

    @Override
    public Home create(MysqlHomeOptions options, HyggeContext context) {
        return new MysqlHome(options, context.connection(options.connection, MysqlConnection.class));
    }
}
