package dev.hygge.spi;

import java.util.Optional;

/**
 * A {@link Store} that can load an {@link EngineRelation} of its own engine inside that engine: its
 * writes ({@link Store#begin}) are {@link EngineWrite}s. The write is begun, locked, staged and
 * committed exactly as for Arrow streams; only how rows arrive differs.
 *
 * <pre>{@code
 * if (store instanceof SupportsEngineWrite engine && engine.whyNoRelation("duckdb", request).isEmpty()) {
 *     try (StoreWrite write = store.begin(request)) {
 *         long rows = ((EngineWrite) write).load(relation, progress);
 *         write.commit();
 *     }
 * }
 * }</pre>
 *
 * @since 0.3
 */
public interface SupportsEngineWrite {
    /**
     * Why a write of {@code request} cannot take relations of {@code engine} (another engine, an
     * option only the Arrow path honours); empty when it can.
     */
    Optional<String> whyNoRelation(String engine, WriteRequest request);

    /** One write that takes relations: each {@link #load} is one stream of the write, as {@link #consume} is. */
    interface EngineWrite extends StoreWrite {
        /**
         * Loads every row of {@code relation}, inside the engine, where {@link #consume} would put
         * a stream's rows (staged until the commit), and returns the rows written. May run on
         * several threads at once, one relation each. Tells {@code progress} of rows as the
         * engine processes them, and stops (a {@link StoreException} or the engine's error) when
         * {@link Progress#cancelled()} turns true.
         */
        long load(EngineRelation relation, Progress progress) throws Exception;
    }

    /** What a load reports to, and asks of, the engine that drives it. */
    interface Progress {
        /** Rows processed so far by this load, as the engine counts them (may run ahead of what is written). */
        void processed(long rows);

        /** Whether the flow was cancelled or failed: the load should stop. */
        boolean cancelled();
    }
}
