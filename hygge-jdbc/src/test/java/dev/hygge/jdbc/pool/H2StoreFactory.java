package dev.hygge.jdbc.pool;

import dev.hygge.jdbc.StandardDialect;
import dev.hygge.jdbc.TableWriteOptions;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;

/**
 * A table Store over H2 in PostgreSQL mode (type {@code h2}), built as a SQL plugin builds one:
 * the table options every table Store shares, a pool of its own, the portable insert loader. H2
 * enforces declared lengths, so overflow is real here, unlike in DuckDB.
 *
 * <pre>{@code
 * hygge.flow("f").from(home).to("h2", Map.of("url", "jdbc:h2:mem:w;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "table", "t")).run();
 * }</pre>
 */
final class H2StoreFactory implements StoreFactory<H2StoreFactory.H2StoreOptions>, StoreFactory.KeepsState {
    /** The table options plus the database's URL. */
    public static class H2StoreOptions extends TableWriteOptions {
        public String url;
        /** Streams that write at once, each on a connection of the pool. */
        public int streams = 2;
    }

    @Override
    public String type() {
        return "h2";
    }

    @Override
    public Class<H2StoreOptions> optionsType() {
        return H2StoreOptions.class;
    }

    @Override
    public void validate(H2StoreOptions options, OptionProblems problems) {
        options.check(problems, StandardDialect.postgres().typeMapper());
        if (options.url == null || !options.url.startsWith("jdbc:h2:")) {
            problems.add("url", "url must be an H2 JDBC URL (jdbc:h2:...), not '" + options.url + "'");
        }
        if (options.streams < 1) {
            problems.add("streams", "streams must be at least 1, not " + options.streams);
        }
    }

    @Override
    public Store create(H2StoreOptions options, HyggeContext context) {
        PoolOptions pool = new PoolOptions();
        pool.url = options.url;
        pool.poolSize = options.streams + 1;
        JdbcPool connections = JdbcPool.open("h2", pool);
        return new PoolTableStore(StandardDialect.postgres(), connections, options, context.allocator(), options.streams,
                connections);
    }
}
