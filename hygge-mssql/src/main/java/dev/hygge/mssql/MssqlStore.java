package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.PooledTableStore;
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
 * so streams are capped at {@code pool_size - 1} (the shared {@link PooledTableStore}).
 */
public final class MssqlStore extends PooledTableStore {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlStore.class);

    MssqlStore(MssqlStoreOptions options, MssqlConnection connection, BufferAllocator allocator) {
        super("mssql", connection.name(), connection.poolSize(), requireNonNull(options, "options is null"),
                options.parallelWorkers, LOG, where -> {
            MssqlDialect dialect = new MssqlDialect(options.tableOptions.clusteredColumnstore);
            TransientFaults faults = new TransientFaults(options.maxRetries, Duration.ofMillis(options.retryBackoffMs));
            return TableWriter.builder(dialect)
                    .connections(connection::connection)
                    .loader(new MssqlBulkLoader(connection, dialect, options.batchSize, options.tableLockSetting(),
                            options.bulkCopyTimeout, faults, where))
                    .options(options)
                    .allocator(allocator)
                    .where(where)
                    // the lock key: every table pattern of one connection that names one table takes one lock
                    .database("mssql connection " + connection.name())
                    .build();
        });
        if (Boolean.TRUE.equals(options.tableLockSetting()) && maxStreams() > 1) {
            LOG.warn("{}: table_lock true with {} streams: on a heap they share a bulk-update lock, but on an indexed or"
                    + " columnstore table TABLOCK is exclusive and the streams load one after another", where(), maxStreams());
        }
    }

    /** Streams one write may use: {@code parallel_workers}, but no more than the pool has besides the control connection. */
    static int streams(int parallelWorkers, int poolSize) {
        return WriteStreams.cap(parallelWorkers, poolSize);
    }

    /** Transient by {@link TransientFaults}' list: deadlock victims, throttling, failovers, broken connections. */
    @Override
    public boolean isTransient(Throwable error) {
        return TransientFaults.isTransient(error);
    }
}
