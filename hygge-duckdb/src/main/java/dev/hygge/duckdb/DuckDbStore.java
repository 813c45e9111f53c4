package dev.hygge.duckdb;

import dev.hygge.jdbc.TablePlan;
import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes flows into a DuckDB table. Rows arrive through the Arrow C stream interface
 * ({@link ArrowStreamLoader}); the table is created from the inferred schema when missing, and
 * {@code if_exists} × {@code write_strategy} apply as in every table Store ({@link TableWriter}).
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
                .loader(new ArrowStreamLoader(dialect, allocator))
                .options(options)
                .allocator(allocator)
                .where("Store 'duckdb' " + database.path())
                .build();
    }

    @Override
    public String describe() {
        return "duckdb " + database.path() + " table " + options.table;
    }

    @Override
    public int maxStreams() {
        return options.maxStreams;
    }

    @Override
    public long sampleRows() {
        return writer.sampleRows();
    }

    @Override
    public int sampleBatches() {
        return writer.sampleBatches();
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        return writer.begin(request);
    }

    /** What a write of {@code request} would do (the DDL, the columns and why), without writing. */
    @Override
    public TablePlan plan(WriteRequest request) {
        return writer.plan(request);
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
        allocator.close();
    }
}
