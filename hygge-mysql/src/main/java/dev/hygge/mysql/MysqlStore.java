package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.SessionLock;
import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.jdbc.WriteStreams;
import dev.hygge.spi.ClassifiesFaults;
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
public final class MysqlStore implements TableStore, ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlStore.class);

    private final TableWriter writer;
    private final MysqlConnection connection;
    private final MysqlStoreOptions options;
    private final String where;
    private final int streams;
    private final String describe;

    MysqlStore(MysqlStoreOptions options, MysqlConnection connection, BufferAllocator allocator) {
        requireNonNull(options, "options is null");
        this.describe = "mysql " + connection.name() + " " + options.table;
        this.connection = connection;
        this.options = options;
        this.where = "Store 'mysql' (connection '" + connection.name() + "', table " + options.table + ")";
        this.streams = WriteStreams.of(where, connection.name(), connection.poolSize(), options.parallelWorkers, LOG);
        MysqlDialect dialect = new MysqlDialect();
        this.writer = TableWriter.builder(dialect)
                .connections(connection::connection)
                .loader(new MysqlLoader(dialect, where, options.insertBatchRows))
                .options(options)
                .allocator(allocator)
                .where(where)
                // the lock key: every table pattern of one server that names one table takes one lock
                .database("mysql " + connection.address())
                // every write of the table holds its server lock (GET_LOCK, taken in begin) before the writer
                // sweeps, so no other write of it is live: what a killed write left is dropped at once
                .singleProcess(true)
                .build();
    }

    /**
     * Begins a write under the table's server lock ({@link ServerLock}: {@code GET_LOCK}, so writers
     * in other processes wait too), then as every table Store does.
     */
    @Override
    public StoreWrite begin(WriteRequest request) {
        return SessionLock.onTable(connection::direct, writer.dialect(), options.tableName(request.name()), where,
                (lock, table) -> ServerLock.around(lock, table, request.lockWait(), where, () -> writer.begin(request)));
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public TableWriter writer() {
        return writer;
    }

    @Override
    public int maxStreams() {
        return streams;
    }

    /** Deadlocks, lock wait timeouts and dropped connections ({@link MysqlFaults}). */
    @Override
    public boolean isTransient(Throwable error) {
        return MysqlFaults.isTransient(error);
    }
}
