package dev.hygge.duckdb;

import dev.hygge.ConfigException;
import dev.hygge.HomeException;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates {@link DuckDbHome}s: type {@code duckdb}. The query is prepared once here, so a syntax
 * error or a missing table fails before any flow starts.
 *
 * <pre>{@code
 * home: {type: duckdb, connection: warehouse, table: "raw.{entity}"}
 * }</pre>
 */
public final class DuckDbHomeFactory implements HomeFactory<DuckDbHomeOptions> {
    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<DuckDbHomeOptions> optionsType() {
        return DuckDbHomeOptions.class;
    }

    @Override
    public DuckDbHome create(DuckDbHomeOptions options, HyggeContext context) {
        String where = "Home 'duckdb'";
        if ((options.table == null) == (options.query == null)) {
            throw new ConfigException(where + ": give either table or query" + (options.table != null ? ", not both" : ""));
        }
        if (options.batchSize < 1) {
            throw new ConfigException(where + ": batch_size must be at least 1, not " + options.batchSize);
        }
        String sql = options.query != null ? entity(options.query, options, where)
                : "SELECT * FROM " + new DuckDbDialect().qualify(TableName.parse(entity(options.table, options, where)));
        boolean owns = options.connection == null;
        DuckDbDatabase database = DuckDbDatabase.resolve(options.connection, options.path, context, where, "home",
                HomeException::new);
        try (Connection connection = database.duplicate()) {
            connection.prepareStatement(sql).close();
        } catch (SQLException e) {
            if (owns) {
                database.close();
            }
            throw new ConfigException(where + " " + database.path() + ": the " + (options.query != null ? "query" : "table")
                    + " cannot be read: " + e.getMessage() + "\n  in: " + sql, e);
        }
        return new DuckDbHome(database, owns, sql, options.batchSize);
    }

    private static String entity(String text, DuckDbHomeOptions options, String where) {
        if (!text.contains("{entity}")) {
            return text;
        }
        if (options.entity == null) {
            throw new ConfigException(where + ": '" + text + "' uses {entity} but no entity is given");
        }
        return text.replace("{entity}", options.entity);
    }
}
