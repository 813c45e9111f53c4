package dev.hygge.jdbc.pool;

import dev.hygge.jdbc.InsertLoader;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableStore;
import dev.hygge.jdbc.TableWriteOptions;
import dev.hygge.jdbc.TableWriter;
import org.apache.arrow.memory.BufferAllocator;

/** A table Store over a pool, as a SQL plugin builds one: the machinery of dev.hygge.jdbc with the portable insert loader. */
final class PoolTableStore implements TableStore {
    private final TableWriter writer;
    private final int streams;
    private final AutoCloseable owned;

    PoolTableStore(SqlDialect dialect, JdbcPool pool, TableWriteOptions options, BufferAllocator allocator, int streams) {
        this(dialect, pool, options, allocator, streams, () -> { });
    }

    /** @param owned closed with the Store: the pool, when the Store opened it */
    PoolTableStore(SqlDialect dialect, JdbcPool pool, TableWriteOptions options, BufferAllocator allocator, int streams,
                   AutoCloseable owned) {
        this.owned = owned;
        this.writer = TableWriter.builder(dialect).connections(pool).loader(new InsertLoader(dialect, 500))
                .options(options).allocator(allocator).where("Store 'h2' " + pool.name()).build();
        this.streams = streams;
    }

    @Override
    public String describe() {
        return "h2 " + writer.options().table;
    }

    @Override
    public TableWriter writer() {
        return writer;
    }

    @Override
    public int maxStreams() {
        return streams;
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + describe() + " failed: " + e.getMessage(), e);
        }
    }
}
