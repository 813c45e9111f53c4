package dev.hygge.mysql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.sql.Connection;
import java.sql.SQLException;
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
        if (connection.poolSize() < 2) {
            throw new ConfigException(where + ": a write needs at least 2 pooled connections (one for the final"
                    + " transaction, one to load); connection '" + connection.name() + "' has pool_size "
                    + connection.poolSize() + ". Raise its pool_size");
        }
        this.streams = Math.max(1, Math.min(options.parallelWorkers, connection.poolSize() - 1));
        if (streams < options.parallelWorkers) {
            LOG.info("{}: parallel_workers {} capped to {} by pool_size {} (one connection applies the write)", where,
                    options.parallelWorkers, streams, connection.poolSize());
        }
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
        Connection lock;
        String table;
        try {
            lock = connection.direct();
            try {
                table = writer.dialect().canonicalName(writer.dialect().resolve(lock, options.tableName(request.name())));
            } catch (SQLException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(where + ": preparing the table failed, nothing was written: " + e.getMessage(), e);
        }
        return ServerLock.around(lock, table, request.lockWait(), where, () -> writer.begin(request));
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
