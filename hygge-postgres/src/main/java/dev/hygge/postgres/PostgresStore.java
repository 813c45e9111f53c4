package dev.hygge.postgres;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriter;
import dev.hygge.spi.ClassifiesFaults;
import dev.hygge.spi.ConfigException;
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
 * <p>One writer per table: the shared {@link dev.hygge.spi.DestinationLock} keyed by the
 * connection's {@code host:port/database} and the table's quoted name. It is honoured by the flows
 * of one JVM and by other hygge processes on the same machine; two machines writing one table are
 * kept apart only by the staging design (each write has its own staging table, and the final
 * transaction's DDL takes PostgreSQL's own exclusive table lock).
 *
 * <p>A write uses one pooled connection for its DDL and final transaction and one per stream, so
 * streams are capped at {@code pool_size - 1}.
 */
public final class PostgresStore implements TableStore, ClassifiesFaults {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final TableWriter writer;
    private final int streams;
    private final String describe;

    PostgresStore(PostgresStoreOptions options, PostgresConnection connection, BufferAllocator allocator) {
        requireNonNull(options, "options is null");
        this.describe = "postgres " + connection.name() + " " + options.table;
        String where = "Store 'postgres' (connection '" + connection.name() + "', table " + options.table + ")";
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
        PostgresDialect dialect = new PostgresDialect();
        this.writer = TableWriter.builder(dialect)
                .connections(connection::connection)
                .loader(new PostgresCopyLoader(dialect))
                .options(options)
                .allocator(allocator)
                .where(where)
                .database("postgres " + connection.database())
                .build();
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

    /** Serialization failures (40001), deadlocks (40P01) and broken connections (08xxx). */
    @Override
    public boolean isTransient(Throwable error) {
        return PostgresFaults.isTransient(error);
    }
}
