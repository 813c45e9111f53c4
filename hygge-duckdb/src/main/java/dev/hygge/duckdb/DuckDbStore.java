package dev.hygge.duckdb;

import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.jdbc.TransactionCommit;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes flows into a DuckDB table. Rows arrive through the Arrow C stream interface
 * ({@link ArrowStreamLoader}); the table is created from the inferred schema when missing, and
 * {@code if_exists} × {@code write_strategy} apply as in every table Store ({@link TableWriter}).
 * Rows of a Home on DuckDB (parquet files, a table of the same database) are loaded inside DuckDB
 * instead ({@link DuckDbRelationLoader}), under the same plan, staging and commit.
 *
 * <pre>{@code
 * hygge.flow("orders").from(home)
 *      .to("duckdb", Map.of("path", "warehouse.duckdb", "table", "orders", "if_exists", "replace"))
 *      .run();
 * }</pre>
 */
public final class DuckDbStore implements TableStore {
    private final DuckDbStoreOptions options;
    private final DuckDbDatabase database;
    private final boolean ownsDatabase;
    private final BufferAllocator allocator;
    private final TableWriter writer;

    DuckDbStore(DuckDbStoreOptions options, DuckDbDatabase database, boolean ownsDatabase, BufferAllocator allocator) {
        this.options = options;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.allocator = allocator;
        DuckDbDialect dialect = new DuckDbDialect();
        this.writer = TableWriter.builder(dialect)
                .connections(database::duplicate)
                .loader(new DuckDbRelationLoader(new ArrowStreamLoader(dialect, allocator), dialect, database, allocator))
                .options(options)
                .allocator(allocator)
                .where("Store 'duckdb' " + database.path())
                // DuckDB lets one process at a time open a file, so a lock within this JVM is one writer per table
                .database("duckdb " + database.identity())
                .singleProcess(true)
                .commits(ownsDatabase ? new DuckDbLastCommit(database) : TransactionCommit.PLAIN)
                .build();
    }

    @Override
    public String describe() {
        return "duckdb " + database.path() + " table " + options.table;
    }

    @Override
    public TableWriter writer() {
        return writer;
    }

    /** The database it writes (tests read its settings). */
    DuckDbDatabase database() {
        return database;
    }

    @Override
    public int maxStreams() {
        return options.maxStreams;
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
        allocator.close();
    }
}
