package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.jdbc.WriteStreams;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flows into SQL Server tables with the driver's bulk copy fed straight from Arrow
 * batches ({@link ArrowBulkData}), by the shared table rules: inferred tables (clustered
 * columnstore by default), {@code if_exists} × {@code write_strategy}, schema evolution,
 * {@code on_overflow}.
 *
 * <pre>{@code
 * store: {type: mssql, connection: warehouse, table: "dbo.{entity}", if_exists: replace, parallel_workers: 8}
 * }</pre>
 *
 * <p>A write uses one pooled connection for its DDL and final transaction and one per stream,
 * so streams are capped at {@code pool_size - 1}.
 */
public final class MssqlStore implements TableStore, dev.hygge.spi.ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlStore.class);

    private final MssqlStoreOptions options;
    private final TableWriter writer;
    private final int streams;
    private final String describe;

    MssqlStore(MssqlStoreOptions options, MssqlConnection connection, BufferAllocator allocator) {
        this.options = requireNonNull(options, "options is null");
        this.describe = "mssql " + connection.name() + " " + options.table;
        String where = "Store 'mssql' (connection '" + connection.name() + "', table " + options.table + ")";
        this.streams = WriteStreams.of(where, connection.name(), connection.poolSize(), options.parallelWorkers, LOG);
        MssqlDialect dialect = new MssqlDialect(options.tableOptions.clusteredColumnstore);
        Boolean lock = options.tableLockSetting();
        if (Boolean.TRUE.equals(lock) && streams > 1) {
            LOG.warn("{}: table_lock true with {} streams: on a heap they share a bulk-update lock, but on an indexed or"
                    + " columnstore table TABLOCK is exclusive and the streams load one after another", where, streams);
        }
        TransientFaults faults = new TransientFaults(options.maxRetries, Duration.ofMillis(options.retryBackoffMs));
        this.writer = TableWriter.builder(dialect)
                .connections(connection::connection)
                .loader(new MssqlBulkLoader(connection, dialect, options.batchSize, lock, options.bulkCopyTimeout, faults, where))
                .options(options)
                .allocator(allocator)
                .where(where)
                // the lock key: every table pattern of one connection that names one table takes one lock
                .database("mssql connection " + connection.name())
                .build();
    }

    /** Streams one write may use: {@code parallel_workers}, but no more than the pool has besides the control connection. */
    static int streams(int parallelWorkers, int poolSize) {
        return WriteStreams.cap(parallelWorkers, poolSize);
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

    /** Transient by {@link TransientFaults}' list: deadlock victims, throttling, failovers, broken connections. */
    @Override
    public boolean isTransient(Throwable error) {
        return TransientFaults.isTransient(error);
    }
}
