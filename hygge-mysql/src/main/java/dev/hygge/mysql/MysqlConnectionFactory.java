package dev.hygge.mysql;

import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;

/**
 * Opens named MySQL / MariaDB connections (type {@code mysql}): one pool per name, shared by every
 * Home and Store of the run that names it.
 *
 * <pre>{@code
 * connections:
 *   shop: {type: mysql, host: db.example.com, database: shop, user: etl, password: ${SHOP_PASSWORD}, pool_size: 8}
 * }</pre>
 */
public final class MysqlConnectionFactory implements ConnectionFactory<MysqlConnectionOptions> {
    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Class<MysqlConnectionOptions> optionsType() {
        return MysqlConnectionOptions.class;
    }

    /** Every problem of the options, as {@link MysqlConnectionOptions#check} finds them; nothing is opened. */
    @Override
    public void validate(MysqlConnectionOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public Connection open(String name, MysqlConnectionOptions options, HyggeContext context) {
        return MysqlConnection.open(name, options);
    }
}
