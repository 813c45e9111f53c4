package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.PooledTableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flows into MySQL / MariaDB tables with {@code LOAD DATA LOCAL INFILE} streamed from Arrow
 * batches ({@link MysqlLoader}), by the shared table rules: inferred tables ({@link MysqlTypeMapper}),
 * {@code if_exists} × {@code write_strategy}, schema evolution, {@code on_overflow}, the watermark
 * committed with the rows in {@code hygge_state}, and one writer per table.
 *
 * <pre>{@code
 * store: {type: mysql, connection: shop, table: "warehouse.{entity}", if_exists: replace, parallel_workers: 2}
 * }</pre>
 *
 * <p>A write uses one pooled connection for its DDL and final transaction and one per stream, so
 * streams are capped at {@code pool_size - 1}. What a crash leaves, since MySQL commits DDL at once,
 * is said in {@link MysqlDialect}: the table old or new, never missing, and any staging table
 * dropped by the next write of the table.
 */
public final class MysqlStore extends PooledTableStore {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlStore.class);

    private final MysqlConnection connection;
    private final MysqlStoreOptions options;

    MysqlStore(MysqlStoreOptions options, MysqlConnection connection, BufferAllocator allocator) {
        super("mysql", connection.name(), connection.poolSize(), requireNonNull(options, "options is null"),
                options.parallelWorkers, LOG, where -> {
            MysqlDialect dialect = new MysqlDialect();
            return TableWriter.builder(dialect)
                    .connections(connection::connection)
                    .loader(new MysqlLoader(dialect, where, options.insertBatchRows))
                    .options(options)
                    .allocator(allocator)
                    .where(where)
                    // the lock key: every table pattern of one server that names one table takes one lock
                    .database("mysql " + connection.address())
                    // every write of the table holds its server lock (GET_LOCK) (taken in begin) before the writer
                    // sweeps, so no other write of it is live: what a killed write left is dropped at once
                    .singleProcess(true)
                    .build();
        });
        this.connection = connection;
        this.options = options;
    }

    /**
     * Begins a write under the table's server lock ({@link ServerLock}: {@code GET_LOCK}, so writers
     * in other processes wait too), then as every table Store does.
     */
    @Override
    public StoreWrite begin(WriteRequest request) {
        return beginUnderServerLock(request, connection::direct, options.tableName(request.name()), ServerLock::around);
    }

    /** Deadlocks, lock wait timeouts and dropped connections ({@link MysqlFaults}). */
    @Override
    public boolean isTransient(Throwable error) {
        return MysqlFaults.isTransient(error);
    }
}
