package dev.hygge.duckdb;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import dev.hygge.jdbc.IfExists;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.Destination;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.MemoryLimit;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Creates {@link DuckDbStore}s: type {@code duckdb}.
 *
 * <pre>{@code
 * store: {type: duckdb, path: warehouse.duckdb, table: orders}
 * }</pre>
 */
public final class DuckDbStoreFactory implements StoreFactory<DuckDbStoreOptions>, StoreFactory.PlansWrites,
        StoreFactory.KeepsState {
    private static final String WHERE = "Store 'duckdb'";
    /** What an unset {@code memory_limit} means, as a message says it. */
    static final String MEMORY_LIMIT_UNSET = (DuckDbDatabase.DEFAULT_MEMORY_LIMIT >> 20) + "MiB for a database file, DuckDB's own"
            + " (80% of the memory) for :memory:";

    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<DuckDbStoreOptions> optionsType() {
        return DuckDbStoreOptions.class;
    }

    /**
     * Checks the table options (overrides parsed as DuckDB types), where the database is,
     * {@code max_streams} and {@code memory_limit} (a named connection's database has the connection's).
     */
    @Override
    public void validate(DuckDbStoreOptions options, OptionProblems problems) {
        options.check(problems, new DuckDbDialect().typeMapper());
        checkDatabase(options.path, options.connection, problems);
        if (options.maxStreams < 1) {
            problems.add("max_streams", "max_streams must be at least 1, not " + options.maxStreams);
        }
        MemoryLimit.validate(options.memoryLimit, problems, MEMORY_LIMIT_UNSET);
        if (options.memoryLimit != null && options.connection != null) {
            problems.add(MemoryLimit.KEY, "memory_limit is the database's: the Store writes the database of connection '"
                    + options.connection + "', so set memory_limit on that connection instead");
        }
    }

    /** One of {@code path} and {@code connection}, shared by the duckdb Home and Store. */
    static void checkDatabase(String path, String connection, OptionProblems problems) {
        if (connection != null && path != null) {
            problems.add("connection", "give either path or connection, not both");
        } else if (connection == null && (path == null || path.isBlank())) {
            problems.add("path", "give path (a database file, or :memory:) or connection (a named duckdb connection)");
        }
    }

    /** Options are checked by {@link #validate} first (a project and a flow given a type name do that). */
    @Override
    public DuckDbStore create(DuckDbStoreOptions options, HyggeContext context) {
        boolean owns = options.connection == null;
        DuckDbDatabase database = DuckDbDatabase.resolve(options.connection, options.path,
                MemoryLimit.bytes(options.memoryLimit), context, WHERE, "store", StoreException::new);
        BufferAllocator allocator = context.allocator().newChildAllocator("duckdb store " + options.table, 0, Long.MAX_VALUE);
        return new DuckDbStore(options, database, owns, allocator);
    }

    /**
     * A database file that does not exist yet: opening it creates it. (A named connection's file is
     * the connection's to report: {@code hygge debug} does.)
     */
    @Override
    public Optional<String> createsOnOpen(DuckDbStoreOptions options) {
        if (options.path == null || options.path.startsWith(":") || Files.exists(Path.of(options.path))) {
            return Optional.empty();
        }
        return Optional.of(options.path + " does not exist yet; the flow creates it and its table with the inferred DDL"
                + " (logged when it runs)");
    }

    /**
     * The table a flow writes, by DuckDB's rules: {@code orders}, {@code "orders"}, {@code main.orders}
     * and {@code MAIN.Orders} are one table (schema {@code main} by default, names matched ignoring
     * case, quoted or not, a catalog that is the file's own dropped), in the file's canonical path or
     * the named connection. A private {@code :memory:} database is nobody else's destination.
     */
    @Override
    public Optional<Destination> destination(DuckDbStoreOptions options, String flow, Optional<String> entity) {
        OptionProblems problems = new OptionProblems();
        validate(options, problems);
        problems.throwIfAny(WHERE);
        if (DuckDbDatabase.MEMORY.equals(options.path)) {
            return Optional.empty();
        }
        String text = options.table.replace("{entity}", entity.orElse(flow));
        TableName table;
        try {
            table = TableName.parseChecked(text);
        } catch (ConfigException e) {
            throw new ConfigException(WHERE + " table '" + options.table + "'" + entity.map(n -> " for entity '" + n + "'")
                    .orElse("") + ": " + e.getMessage(), e);
        }
        String database;
        if (options.connection != null) {
            database = "connection " + options.connection;
        } else {
            database = DuckDbDatabase.canonical(options.path);
            table = withoutOwnCatalog(table, database, text);
        }
        table = table.withDefaultSchema("main");
        String key = "duckdb " + database + " " + new DuckDbDialect().canonicalName(table);
        return Optional.of(new Destination(key, "table " + text + " in " + database, options.ifExists == IfExists.APPEND));
    }

    /** A file's tables are in the catalog named after the file ({@code w.duckdb}: {@code w}); another catalog is an error. */
    private static TableName withoutOwnCatalog(TableName table, String file, String text) {
        if (table.catalog() == null) {
            return table;
        }
        String name = Path.of(file).getFileName().toString();
        String own = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (!table.catalog().equalsIgnoreCase(own)) {
            throw new ConfigException(WHERE + " table '" + text + "' names catalog '" + table.catalog() + "', but the tables of "
                    + file + " are in catalog '" + own + "'; write " + table.schema() + "." + table.table() + " instead");
        }
        return new TableName(null, table.schema(), table.table());
    }
}
