package dev.hygge.jdbc;

import dev.hygge.spi.ConfigException;
import org.slf4j.Logger;

/**
 * How many streams one table write may use over a connection pool: a write holds one pooled
 * connection for its DDL and final transaction and one per stream, so {@code parallel_workers} is
 * capped at {@code pool_size - 1}, and a pool of fewer than 2 cannot write at all.
 *
 * <pre>{@code
 * int streams = WriteStreams.of(where, connection.name(), connection.poolSize(), options.parallelWorkers, LOG);
 * }</pre>
 *
 * @since 0.1
 */
public final class WriteStreams {
    private WriteStreams() {}

    /**
     * The streams a write of a Store may use, logging (info, on {@code log}) when the pool caps
     * {@code parallelWorkers}.
     *
     * @param where the Store, for messages
     * @param connection the named connection, for messages
     * @throws ConfigException when the pool holds fewer than 2 connections
     */
    public static int of(String where, String connection, int poolSize, int parallelWorkers, Logger log) {
        if (poolSize < 2) {
            throw new ConfigException(where + ": a write needs at least 2 pooled connections (one for the final"
                    + " transaction, one to load); connection '" + connection + "' has pool_size "
                    + poolSize + ". Raise its pool_size");
        }
        int streams = cap(parallelWorkers, poolSize);
        if (streams < parallelWorkers) {
            log.info("{}: parallel_workers {} capped to {} by pool_size {} (one connection applies the write)", where,
                    parallelWorkers, streams, poolSize);
        }
        return streams;
    }

    /** {@code parallelWorkers}, but at least 1 and no more than the pool has besides the control connection. */
    public static int cap(int parallelWorkers, int poolSize) {
        return Math.max(1, Math.min(parallelWorkers, poolSize - 1));
    }
}
