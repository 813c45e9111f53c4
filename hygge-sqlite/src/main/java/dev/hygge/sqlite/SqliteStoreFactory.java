package dev.hygge.sqlite;

import dev.hygge.spi.ConfigException;
import dev.hygge.jdbc.IfExists;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.Destination;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Creates {@link SqliteStore}s: type {@code sqlite}.
 *
 * <pre>{@code
 * store: {type: sqlite, path: warehouse.db, table: orders, write_strategy: merge, keys: [id]}
 * }</pre>
 */
public final class SqliteStoreFactory implements StoreFactory<SqliteStoreOptions>, StoreFactory.PlansWrites,
        StoreFactory.KeepsState {
    private static final String WHERE = "Store 'sqlite'";

    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public Class<SqliteStoreOptions> optionsType() {
        return SqliteStoreOptions.class;
    }

    @Override
    public void validate(SqliteStoreOptions options, OptionProblems problems) {
        options.check(problems, new SqliteDialect().typeMapper());
        SqliteFile.check(options.path, problems);
        if (options.batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + options.batchSize);
        }
        if (options.busyTimeoutMs < 0) {
            problems.add("busy_timeout_ms", "busy_timeout_ms must be 0 or more, not " + options.busyTimeoutMs);
        }
    }

    @Override
    public SqliteStore create(SqliteStoreOptions options, HyggeContext context) {
        SqliteFile file = SqliteFile.of(options.path, options.busyTimeoutMs).withFolder();
        BufferAllocator allocator = context.allocator().newChildAllocator("sqlite store " + options.table, 0, Long.MAX_VALUE);
        return new SqliteStore(options, file, allocator);
    }

    @Override
    public Optional<String> createsOnOpen(SqliteStoreOptions options) {
        if (options.path == null || Files.exists(Path.of(options.path))) {
            return Optional.empty();
        }
        return Optional.of(options.path + " does not exist yet; the flow creates it and its table with the inferred DDL"
                + " (logged when it runs)");
    }

    /** The table in the file's canonical path: {@code t}, {@code main.t} and {@code MAIN.T} are one table. */
    @Override
    public Optional<Destination> destination(SqliteStoreOptions options, String flow, Optional<String> entity) {
        OptionProblems problems = new OptionProblems();
        validate(options, problems);
        problems.throwIfAny(WHERE);
        String text = options.table.replace("{entity}", entity.orElse(flow));
        TableName table;
        try {
            table = TableName.parseChecked(text);
        } catch (ConfigException e) {
            throw new ConfigException(WHERE + " table '" + options.table + "'" + entity.map(n -> " for entity '" + n + "'")
                    .orElse("") + ": " + e.getMessage(), e);
        }
        if (table.catalog() != null) {
            throw new ConfigException(WHERE + " table '" + text + "': SQLite has no catalogs; write schema.table at most");
        }
        String database = SqliteFile.canonical(options.path);
        String key = "sqlite " + database + " " + new SqliteDialect().canonicalName(table.withDefaultSchema("main"));
        return Optional.of(new Destination(key, "table " + text + " in " + database, options.ifExists == IfExists.APPEND));
    }
}
