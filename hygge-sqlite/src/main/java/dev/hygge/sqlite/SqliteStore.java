package dev.hygge.sqlite;

import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes flows into a SQLite table through the shared {@link TableWriter}: the table created from
 * the inferred schema when missing, {@code if_exists} × {@code write_strategy} as in every table
 * Store, rows through {@link SqliteInsertLoader}, the watermark in {@code hygge_state} in the same
 * transaction. One loading stream: SQLite has one writer per file.
 *
 * <pre>{@code
 * hygge.flow("orders").from(home).to("sqlite", Map.of("path", "w.db", "table", "orders")).run();
 * }</pre>
 */
final class SqliteStore implements TableStore {
    private final SqliteStoreOptions options;
    private final SqliteFile file;
    private final BufferAllocator allocator;
    private final TableWriter writer;

    SqliteStore(SqliteStoreOptions options, SqliteFile file, BufferAllocator allocator) {
        this.options = options;
        this.file = file;
        this.allocator = allocator;
        SqliteDialect dialect = new SqliteDialect();
        this.writer = TableWriter.builder(dialect)
                .connections(file::open)
                .loader(new SqliteInsertLoader(dialect, options.batchSize))
                .options(options)
                .allocator(allocator)
                .where("Store 'sqlite' " + file.path())
                .database("sqlite " + file.identity())
                // other processes may open the file: only stale staging tables are swept
                .singleProcess(false)
                .build();
    }

    @Override
    public String describe() {
        return "sqlite " + file.path() + " table " + options.table;
    }

    @Override
    public TableWriter writer() {
        return writer;
    }

    /** SQLite admits one writer per file: a second stream would only wait for the first one's transaction. */
    @Override
    public int maxStreams() {
        return 1;
    }

    @Override
    public void close() {
        allocator.close();
    }
}
