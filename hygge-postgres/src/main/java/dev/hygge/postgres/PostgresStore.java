package dev.hygge.postgres;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.PooledTableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flows into PostgreSQL tables with binary {@code COPY … FROM STDIN} fed straight from
 * Arrow vectors ({@link PostgresCopyLoader}), several streams at once into one staging table, by
 * the shared table rules ({@link TableWriter}): inferred tables ({@link PostgresTypeMapper}),
 * {@code if_exists} × {@code write_strategy} ({@code temp_swap}: staging, then drop-and-rename or
 * insert in one transaction, which PostgreSQL's transactional DDL makes all or nothing;
 * {@code merge}: delete the staged keys' rows, insert the staged rows), schema evolution, {@code on_overflow}, and the state of an
 * incremental load committed with its rows in the schema's {@code hygge_state} table.
 *
 * <pre>{@code
 * store: {type: postgres, connection: warehouse, table: "public.{entity}", if_exists: replace, parallel_workers: 4}
 * }</pre>
 *
 * <p>One writer per table: a session-level advisory lock on the server ({@link PostgresServerLock},
 * {@code pg_try_advisory_lock} on a hash of the table's quoted name, held on a connection of its own
 * from before the write begins until it ends), so writers in other processes and on other machines
 * wait too, and a killed writer's lock goes with its session; inside it the shared
 * {@link dev.hygge.spi.DestinationLock} (the connection's {@code host:port/database} and the table)
 * keeps the flows of one JVM apart. Holding the advisory lock proves no other write of the table
 * is live, so a write drops every staging table of it that a killed write left.
 *
 * <p>A write uses one pooled connection for its DDL and final transaction and one per stream, so
 * streams are capped at {@code pool_size - 1}; the advisory lock's connection is outside the pool.
 */
public final class PostgresStore extends PooledTableStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final PostgresConnection connection;
    private final PostgresStoreOptions options;

    PostgresStore(PostgresStoreOptions options, PostgresConnection connection, BufferAllocator allocator) {
        super("postgres", connection.name(), connection.poolSize(), requireNonNull(options, "options is null"),
                options.parallelWorkers, LOG, where -> {
            PostgresDialect dialect = new PostgresDialect();
            return TableWriter.builder(dialect)
                    .connections(connection::connection)
                    .loader(new PostgresCopyLoader(dialect))
                    .options(options)
                    .allocator(allocator)
                    .where(where)
                    .database("postgres " + connection.database())
                    // every write of the table holds its advisory lock (taken in begin) before the writer
                    // sweeps, so no other write of it is live: what a killed write left is dropped at once
                    .singleProcess(true)
                    .build();
        });
        this.connection = connection;
        this.options = options;
    }

    /**
     * Begins a write under the table's advisory lock ({@link PostgresServerLock}, so writers in other
     * processes and on other machines wait too), then as every table Store does.
     */
    @Override
    public StoreWrite begin(WriteRequest request) {
        return beginUnderServerLock(request, connection::direct, options.tableName(request.name()), PostgresServerLock::around);
    }

    /** Serialization failures (40001), deadlocks (40P01) and broken connections (08xxx). */
    @Override
    public boolean isTransient(Throwable error) {
        return PostgresFaults.isTransient(error);
    }
}
