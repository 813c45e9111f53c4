package dev.hygge.duckdb;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HomeException;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import java.sql.SQLException;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Creates {@link DuckDbHome}s: type {@code duckdb}. The query is described once here
 * ({@link DuckDbHome#describe}: planned, no row read), so a syntax error or a missing table fails
 * before any flow starts, and the Home knows its columns without planning the query again.
 *
 * <pre>{@code
 * home: {type: duckdb, connection: warehouse, table: "raw.{entity}"}
 * }</pre>
 */
public final class DuckDbHomeFactory implements HomeFactory<DuckDbHomeOptions>, HomeFactory.ReadsIncrementally {
    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<DuckDbHomeOptions> optionsType() {
        return DuckDbHomeOptions.class;
    }

    @Override
    public void validate(DuckDbHomeOptions options, OptionProblems problems) {
        DuckDbStoreFactory.checkDatabase(options.path, options.connection, problems);
        boolean table = options.table != null && !options.table.isBlank();
        boolean query = options.query != null && !options.query.isBlank();
        if (table == query) {
            problems.add(table ? "query" : "", "give either table or query" + (table ? ", not both" : ": neither is set"));
        }
        if (options.batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + options.batchSize);
        }
        for (String key : new String[] {"table", "query"}) {
            String text = key.equals("table") ? options.table : options.query;
            if (text != null && text.contains("{entity}") && (options.entity == null || options.entity.isBlank())) {
                problems.add(key, "'" + text + "' uses {entity} but no entity is given; add entities: to the flow");
            }
        }
    }

    /**
     * Options are checked by {@link #validate} first (a project and a flow given a type name do that);
     * what only the database can tell (the table exists, the query parses) is checked here.
     */
    @Override
    public DuckDbHome create(DuckDbHomeOptions options, HyggeContext context) {
        String where = "Home 'duckdb'";
        String sql = options.query != null ? entity(options.query, options)
                : "SELECT * FROM " + new DuckDbDialect().qualify(TableName.parse(entity(options.table, options)));
        boolean owns = options.connection == null;
        DuckDbDatabase database = DuckDbDatabase.resolve(options.connection, options.path, java.util.OptionalLong.empty(), context, where, "home",
                HomeException::new);
        Schema schema;
        try {
            schema = DuckDbHome.describe(database, sql);
            String labels = EnumColumns.asLabels(sql, schema, where + " " + database.path());
            if (!labels.equals(sql)) {
                sql = labels;
                schema = DuckDbHome.describe(database, sql);
            }
        } catch (RuntimeException e) {
            if (owns) {
                database.close();
            }
            throw e;
        } catch (SQLException e) {
            if (owns) {
                database.close();
            }
            throw new ConfigException(where + " " + database.path() + ": the " + (options.query != null ? "query" : "table")
                    + " cannot be read: " + e.getMessage() + "\n  in: " + sql, e);
        }
        return new DuckDbHome(database, owns, sql, options.query == null, schema, options.batchSize);
    }

    private static String entity(String text, DuckDbHomeOptions options) {
        return options.entity == null ? text : text.replace("{entity}", options.entity);
    }

    /** A Home reads a table or a query: an entity's query replaces its flow's table, and the other way round. */
    @Override
    public java.util.List<java.util.Set<String>> alternatives() {
        return java.util.List.of(java.util.Set.of("table", "query"));
    }
}
