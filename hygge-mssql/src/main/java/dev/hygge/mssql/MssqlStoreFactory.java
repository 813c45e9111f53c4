package dev.hygge.mssql;

import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;

/**
 * Creates SQL Server Stores (type {@code mssql}) over a named {@code mssql} connection.
 *
 * <pre>{@code
 * store: {type: mssql, connection: warehouse, table: "dbo.{entity}", write_strategy: merge, keys: [id]}
 * }</pre>
 */
public final class MssqlStoreFactory implements StoreFactory<MssqlStoreOptions>, StoreFactory.PlansWrites,
        StoreFactory.KeepsState {
    @Override
    public String type() {
        return "mssql";
    }

    @Override
    public Class<MssqlStoreOptions> optionsType() {
        return MssqlStoreOptions.class;
    }

    /** Every problem of the options, as {@link MssqlStoreOptions#check} finds them; nothing is opened. */
    @Override
    public void validate(MssqlStoreOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public MssqlStore create(MssqlStoreOptions options, HyggeContext context) {
        MssqlConnection connection = context.connection(options.connection, MssqlConnection.class);
        return new MssqlStore(options, connection, context.allocator());
    }

    /** The original hygge's {@code table_hints} (its INSERT's WITH hints): the bulk copy takes its lock by {@code table_lock}. */
    @Override
    public java.util.Map<String, String> ignoredOriginalKeys() {
        return java.util.Map.of("table_hints", "(the original's INSERT hints); the bulk copy here takes TABLOCK by table_lock:"
                + " auto (a heap without indexes), true or false");
    }
}
