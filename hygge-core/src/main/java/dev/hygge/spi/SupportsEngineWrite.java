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

    /**
     * Why a write of {@code request} cannot take the relations of {@code home}: by default
     * {@link #whyNoRelation(String, WriteRequest)} of its engine. A Store that needs more of the
     * relations than their engine (cutting them by rows: {@link SupportsEngineRelation#slicesByRows})
     * asks the Home here. The engine asks this one.
     *
     * @since 0.8
     */
    default Optional<String> whyNoRelation(SupportsEngineRelation home, WriteRequest request) {
        return whyNoRelation(home.engine(), request);
    }

    /**
     * Why a write of {@code request} cannot track a watermark inside {@code engine}
     * ({@link EngineWrite#load(EngineRelation, EngineWatermark, Progress)}); empty when it can. A
     * flow with a watermark takes the Arrow path then. By default a Store cannot.
     *
     * @since 0.4
     */
    default Optional<String> whyNoWatermark(String engine, WriteRequest request) {
        return Optional.of("it cannot track a watermark inside " + engine);
    }

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

        /**
         * Loads {@code relation} as {@link #load(EngineRelation, Progress)} does, leaving out the rows
         * whose watermark is NULL unless {@link EngineWatermark#loadNulls()}, and returns the greatest
         * watermark and the NULL count over the rows of that same load. Called only where
         * {@link SupportsEngineWrite#whyNoWatermark} is empty.
         *
         * @since 0.4
         */
        default EngineWatermark.Seen load(EngineRelation relation, EngineWatermark watermark, Progress progress)
                throws Exception {
            throw new UnsupportedOperationException("this write cannot track a watermark inside the engine");
        }
    }

    /** What a load reports to, and asks of, the engine that drives it. */
    interface Progress {
        /** Rows processed so far by this load, as the engine counts them (may run ahead of what is written). */
        void processed(long rows);

        /** Whether the flow was cancelled or failed: the load should stop. */
        boolean cancelled();

        /**
         * Bytes this load wrote, as the Store knows them once they are written (the sizes of the
         * files a {@code COPY} staged); added up into the flow's {@code FlowResult.bytes}, which on
         * the Arrow path counts the batches' buffers. A Store that cannot tell does not call it.
         *
         * @since 0.7
         */
        default void wrote(long bytes) {}
    }
}
