package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WatchedStatement;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkValues;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * What an in-engine load of a flow with a watermark reports ({@link EngineWatermark}), asked of the
 * engine in one aggregate over the relation it loads:
 * {@code SELECT count(*), count(*) FILTER (WHERE c IS NULL), max(c) AS c FROM (relation) r}. Read
 * from the engine's Arrow export of that one row, the greatest value keeps the column's own type
 * and is read with {@link WatermarkValues#read}, as the Arrow path reads its batches: timestamps to
 * the nanosecond, decimals with their scale, an instant as one. The relation holds the Home's
 * incremental predicate, so the aggregate reads what the load reads; an engine that prunes columns
 * reads only the watermark's.
 *
 * <pre>{@code
 * String sql = WatermarkAggregate.sql(relation.sql(), "\"updated_at\"");
 * WatermarkAggregate seen = WatermarkAggregate.ask(connection, relation, watermark, "\"updated_at\"",
 *         (result, allocator) -> (ArrowReader) ((DuckDBResultSet) result).arrowExportStream(allocator, 1), allocator, progress);
 * }</pre>
 *
 * @param rows the relation's rows
 * @param nullRows its rows whose watermark is NULL
 * @param greatest the greatest non-NULL watermark; empty when there is none
 * @since 0.4
 */
public record WatermarkAggregate(long rows, long nullRows, Optional<Watermark> greatest) {
    public WatermarkAggregate {
        requireNonNull(greatest, "greatest is null");
    }

    /** The aggregate over {@code relationSql}, the watermark column quoted as the engine names it ({@code "updated_at"}). */
    public static String sql(String relationSql, String quotedColumn) {
        String column = "r." + quotedColumn;
        return "SELECT count(*) AS hygge_rows, count(*) FILTER (WHERE " + column + " IS NULL) AS hygge_nulls, max(" + column
                + ") AS " + quotedColumn + " FROM (" + relationSql + ") r";
    }

    /**
     * The aggregate's one row, from the engine's Arrow export of {@link #sql}'s result.
     *
     * @throws StoreException when there is no row, or the greatest value is of a type no watermark has
     */
    public static WatermarkAggregate read(ArrowReader reader, String column, String relation) throws IOException {
        if (!reader.loadNextBatch() || reader.getVectorSchemaRoot().getRowCount() != 1) {
            throw new StoreException("The engine gave no row for the watermark aggregate of " + relation);
        }
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        FieldVector max = root.getVector(2);
        try {
            return new WatermarkAggregate(((BigIntVector) root.getVector(0)).get(0), ((BigIntVector) root.getVector(1)).get(0),
                    Optional.ofNullable(WatermarkValues.read(max, 0)));
        } catch (IllegalArgumentException e) {
            throw new StoreException("The watermark column '" + column + "' of " + relation + " came out of the engine's max() as "
                    + max.getField().getType() + ": " + e.getMessage(), e);
        }
    }

    /** How an engine's driver hands a result set on as an Arrow stream (DuckDB: {@code arrowExportStream}). */
    @FunctionalInterface
    public interface ArrowExport {
        ArrowReader export(ResultSet result, BufferAllocator allocator) throws SQLException;
    }

    /**
     * Runs {@link #sql} over {@code relation} (its parameters bound) on {@code connection} and reads
     * its row through {@code export}, watched for the flow's cancellation as the load that follows is
     * (which reports the progress: this reports none).
     *
     * @param quotedColumn the watermark column as the engine's SQL names it ({@code "updated_at"})
     */
    public static WatermarkAggregate ask(Connection connection, EngineRelation relation, EngineWatermark watermark,
                                         String quotedColumn, ArrowExport export, BufferAllocator allocator,
                                         SupportsEngineWrite.Progress progress) throws SQLException {
        try (BufferAllocator child = allocator.newChildAllocator("watermark", 0, Long.MAX_VALUE);
             PreparedStatement statement = connection.prepareStatement(sql(relation.sql(), quotedColumn))) {
            for (int i = 0; i < relation.parameters().size(); i++) {
                statement.setObject(i + 1, relation.parameters().get(i));
            }
            WatermarkAggregate[] answer = new WatermarkAggregate[1];
            WatchedStatement.run(statement, () -> {
                try (ResultSet result = statement.executeQuery(); ArrowReader reader = export.export(result, child)) {
                    answer[0] = read(reader, watermark.column(), relation.describe());
                } catch (IOException e) {
                    throw new StoreException("Reading the watermark aggregate of " + relation.describe() + " failed: " + e, e);
                }
                return answer[0].rows();
            }, () -> 0L, new Quiet(progress), "Reading the watermark of " + relation.describe());
            return answer[0];
        }
    }

    /** The flow's cancellation, without a row count. */
    private record Quiet(SupportsEngineWrite.Progress flow) implements SupportsEngineWrite.Progress {
        @Override
        public void processed(long rows) {
        }

        @Override
        public boolean cancelled() {
            return flow.cancelled();
        }
    }

    /**
     * Whether the load that follows this aggregate, in the same snapshot, must filter out rows by their
     * NULL watermark ({@code WHERE r.c IS NOT NULL}): they are not to be loaded and the relation holds
     * some. With none there is nothing to filter, and the filter is left off: DuckDB pushes it into a
     * Home's {@code c IS NULL} branch ({@code UNION ALL}), whose scan then reads the whole column
     * instead of being pruned by its statistics (a one-thread COPY of 100,000 new rows of a
     * 10M-row table: 46 ms with the filter, 19 ms without). The engine checks the load's rows against
     * {@code rows - nullRows} either way.
     */
    public boolean filtersNulls(EngineWatermark watermark) {
        return !watermark.loadNulls() && nullRows > 0;
    }

    /** What the load saw, {@code written} rows of it loaded. */
    public EngineWatermark.Seen seen(long written) {
        return new EngineWatermark.Seen(rows, written, greatest, nullRows);
    }
}
