package dev.hygge.mysql;

import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.StoreFactory;

/**
 * Creates MySQL / MariaDB Stores (type {@code mysql}) over a named {@code mysql} connection.
 *
 * <pre>{@code
 * store: {type: mysql, connection: shop, table: "warehouse.{entity}", write_strategy: merge, keys: [id]}
 * }</pre>
 */
public final class MysqlStoreFactory implements StoreFactory<MysqlStoreOptions>, StoreFactory.PlansWrites,
        StoreFactory.KeepsState {
    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Class<MysqlStoreOptions> optionsType() {
        return MysqlStoreOptions.class;
    }

    /** Every problem of the options, as {@link MysqlStoreOptions#check} finds them; nothing is opened. */
    @Override
    public void validate(MysqlStoreOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public MysqlStore create(MysqlStoreOptions options, HyggeContext context) {
        return new MysqlStore(options, context.connection(options.connection, MysqlConnection.class), context.allocator());
    }
}
