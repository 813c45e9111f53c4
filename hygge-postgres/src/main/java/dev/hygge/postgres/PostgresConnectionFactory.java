package dev.hygge.postgres;

import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;

/**
 * Opens named PostgreSQL connections (type {@code postgres}): one pool per name, shared by every
 * Home and Store of the run that names it.
 *
 * <pre>{@code
 * connections:
 *   warehouse: {type: postgres, host: db.example.com, database: analytics, user: loader, password: ${PGPASSWORD}}
 * }</pre>
 */
public final class PostgresConnectionFactory implements ConnectionFactory<PostgresConnectionOptions> {
    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Class<PostgresConnectionOptions> optionsType() {
        return PostgresConnectionOptions.class;
    }

    /** Every problem of the options, as {@link PostgresConnectionOptions#check} finds them; nothing is opened. */
    @Override
    public void validate(PostgresConnectionOptions options, OptionProblems problems) {
        options.check(problems);
    }

    @Override
    public Connection open(String name, PostgresConnectionOptions options, HyggeContext context) {
        return PostgresConnection.open(name, options);
    }
}
