package dev.hygge.jdbc;

import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.SupportsWritePlan;
import dev.hygge.spi.WriteRequest;
import java.util.Optional;

/**
 * A Store that writes a SQL table through the shared {@link TableWriter}: the writer decides the
 * sample, begins the writes and can say what a write would do without writing (the table's
 * columns, their types and why, and the DDL). {@code hygge debug} and dry runs ask for that plan.
 * A dialect's Store supplies {@link #writer()}, its description and its streams; the rest is here.
 * Every table Store keeps state ({@link SupportsState}: the watermark of an incremental load, in
 * the schema's {@code hygge_state} table, committed in the transaction that applies the rows); its
 * factory says so with {@link dev.hygge.spi.StoreFactory.KeepsState}.
 *
 * <pre>{@code
 * if (store instanceof TableStore table) {           // or, knowing no table type: SupportsWritePlan
 *     TablePlan plan = table.planWrite(request);
 *     System.out.println(plan.ddl());
 * }
 * }</pre>
 */
public interface TableStore extends Store, SupportsWritePlan, SupportsState, SupportsEngineWrite {
    /** The writer that does this Store's table work. */
    TableWriter writer();

    @Override
    default long sampleRows() {
        return writer().sampleRows();
    }

    @Override
    default int sampleBatches() {
        return writer().sampleBatches();
    }

    /** False when the table exists and takes every source column as it is ({@link TableWriter#needsSample}). */
    @Override
    default boolean needsSample(WriteRequest request) {
        return writer().needsSample(request);
    }

    @Override
    default StoreWrite begin(WriteRequest request) {
        return writer().begin(request);
    }

    /** What a write of {@code request} would do; reads the database, writes nothing, takes no lock. */
    @Override
    default TablePlan planWrite(WriteRequest request) {
        return writer().planner().plan(request);
    }

    /** Whether its writes take relations of {@code engine} ({@link TableWriter#whyNoRelation}). */
    @Override
    default Optional<String> whyNoRelation(String engine, WriteRequest request) {
        return writer().whyNoRelation(engine, request);
    }

    /** Whether its writes track a watermark inside {@code engine} ({@link RelationLoader#whyNoWatermark}). */
    @Override
    default Optional<String> whyNoWatermark(String engine, WriteRequest request) {
        return writer().whyNoWatermark(engine);
    }

    /** The value committed under {@code key} with the table's last write ({@link StateSql}); reads, takes no lock. */
    @Override
    default Optional<String> committedState(String flow, Optional<String> entity, String key) {
        return writer().committedState(flow, entity, key);
    }
}
