package dev.hygge.duckdb;

import dev.hygge.jdbc.WatermarkAggregate;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WatchedStatement;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Runs core's {@link WatermarkAggregate} over a relation on DuckDB and reads its one row through
 * DuckDB's Arrow export, watched for the flow's cancellation like the load itself.
 *
 * <pre>{@code
 * WatermarkAggregate a = RelationWatermark.of(connection, relation, watermark, "\"updated_at\"", allocator, progress);
 * }</pre>
 */
final class RelationWatermark {
    private RelationWatermark() {}

    /** @param quoted the watermark column as DuckDB's SQL names it ({@code "updated_at"}) */
    static WatermarkAggregate of(Connection connection, EngineRelation relation, EngineWatermark watermark, String quoted,
                                 BufferAllocator allocator, SupportsEngineWrite.Progress progress) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WatermarkAggregate.sql(relation.sql(), quoted))) {
            bind(statement, relation);
            WatermarkAggregate[] answer = new WatermarkAggregate[1];
            WatchedStatement.run(statement, () -> {
                try (DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
                     ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
                    answer[0] = WatermarkAggregate.read(reader, watermark.column(), relation.describe());
                } catch (IOException e) {
                    throw new StoreException("Reading the watermark aggregate of " + relation.describe() + " failed: " + e, e);
                }
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
