package dev.hygge.duckdb;

import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkValues;
import dev.hygge.spi.WatchedStatement;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * What an in-engine load of a flow with a watermark reports ({@link EngineWatermark}), asked of
 * DuckDB in one aggregate over the relation:
 * {@code SELECT count(*), count(*) FILTER (WHERE c IS NULL), max(c) AS c FROM (relation) r}. The
 * greatest value comes back through DuckDB's Arrow export, in the column's own type, and is read
 * with {@link WatermarkValues#read} as the Arrow path reads its batches: timestamps to the
 * nanosecond, decimals with their scale, an instant as one. DuckDB reads only the watermark
 * column for it (projection pushdown), and the relation's own filter (the Home's incremental
 * predicate) holds, so the aggregate reads what the insert reads.
 *
 * <pre>{@code
 * RelationWatermark.Aggregate a = RelationWatermark.of(connection, relation, watermark, allocator, progress);
 * a.rows(); a.nullRows(); a.greatest();
 * }</pre>
 */
final class RelationWatermark {
    private RelationWatermark() {}

    /** The aggregate's answer. */
    record Aggregate(long rows, long nullRows, Optional<Watermark> greatest) {}

    /** @param quoted the watermark column as DuckDB's SQL names it ({@code "updated_at"}) */
    static Aggregate of(java.sql.Connection connection, EngineRelation relation, EngineWatermark watermark, String quoted,
                        BufferAllocator allocator, SupportsEngineWrite.Progress progress) throws SQLException {
        String column = "r." + quoted;
        String sql = "SELECT count(*) AS hygge_rows, count(*) FILTER (WHERE " + column + " IS NULL) AS hygge_nulls, max("
                + column + ") AS " + quoted + " FROM (" + relation.sql() + ") r";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, relation);
            Aggregate[] answer = new Aggregate[1];
            WatchedStatement.run(statement, () -> {
                answer[0] = read(statement, allocator, watermark, relation);
                return answer[0].rows();
            }, () -> 0L, new Quiet(progress), "Reading the watermark of " + relation.describe());
            return answer[0];
        }
    }

    /** Binds the relation's parameters, in order. */
    static void bind(PreparedStatement statement, EngineRelation relation) throws SQLException {
        for (int i = 0; i < relation.parameters().size(); i++) {
            statement.setObject(i + 1, relation.parameters().get(i));
        }
    }

    private static Aggregate read(PreparedStatement statement, BufferAllocator allocator, EngineWatermark watermark,
                                  EngineRelation relation) throws SQLException {
        try (DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
             ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
            if (!reader.loadNextBatch() || reader.getVectorSchemaRoot().getRowCount() != 1) {
                throw new StoreException("DuckDB gave no row for the watermark aggregate of " + relation.describe());
            }
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            FieldVector max = root.getVector(2);
            try {
                return new Aggregate(((BigIntVector) root.getVector(0)).get(0), ((BigIntVector) root.getVector(1)).get(0),
                        Optional.ofNullable(WatermarkValues.read(max, 0)));
            } catch (IllegalArgumentException e) {
                throw new StoreException("The watermark column '" + watermark.column() + "' of " + relation.describe()
                        + " came out of DuckDB's max() as " + max.getField().getType() + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new StoreException("Reading the watermark aggregate of " + relation.describe() + " failed: " + e, e);
        }
    }

    /** The flow's cancellation for the aggregate, without its row count: the insert that follows reports progress. */
    private record Quiet(SupportsEngineWrite.Progress flow) implements SupportsEngineWrite.Progress {
        @Override
        public void processed(long rows) {
        }

        @Override
        public boolean cancelled() {
            return flow.cancelled();
        }
    }
}
