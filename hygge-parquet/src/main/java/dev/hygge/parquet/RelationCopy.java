package dev.hygge.parquet;

import dev.hygge.jdbc.WatermarkAggregate;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.VectorBytes;
import dev.hygge.spi.WatchedStatement;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSet;

/**
 * The in-engine half of a parquet write ({@link ParquetWrite#load}): one {@code COPY} of a
 * relation of the Home's DuckDB into one staged file (or partition folder), on the relation's own
 * instance when it names one (a database file open here), else on the Store's.
 *
 * <p>The file is the one the Arrow path writes: each column is cast to the type DuckDB gives the
 * column when it imports the flow's Arrow schema ({@link ArrowImportTypes} for flat columns, else
 * asked of DuckDB with an empty Arrow stream of that schema), so an Arrow round trip's changes (a UUID read as text, say) are the same here; row
 * groups are sized by the bytes per row of the first 2,048 rows, as the Arrow path sizes them by
 * its first batch ({@link ParquetWrite#rowGroupRows}).
 */
final class RelationCopy {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** A copy of at most this many rows (DuckDB's row group) runs as the relation's instance runs small copies ({@link EngineRelation.Session#runSmall}). */
    static final long SMALL_ROWS = 122_880;
    /** Rows whose Arrow size estimates the bytes per row. */
    static final int ESTIMATE_ROWS = 2_048;

    private RelationCopy() {}

    /**
     * Copies {@code relation} into {@code target} and returns the rows written.
     *
     * @param options how the COPY writes, given the row group rows ({@link ParquetWrite}'s own options)
     */
    static long copy(DuckDb duckdb, EngineRelation relation, Schema schema, Path target, long rowGroupSize,
                     java.util.function.LongFunction<String> options, BufferAllocator allocator,
                     SupportsEngineWrite.Progress progress) throws SQLException, IOException {
        return copy(duckdb, relation, null, schema, target, rowGroupSize, options, allocator, progress).written();
    }

    /**
     * Copies {@code relation} as {@link #copy(DuckDb, EngineRelation, Schema, Path, long, java.util.function.LongFunction,
     * BufferAllocator, SupportsEngineWrite.Progress)} does, without the rows whose watermark is NULL unless
     * {@link EngineWatermark#loadNulls()}, after core's {@link WatermarkAggregate} over the same relation in the
     * same transaction (one snapshot of a database's tables; files do not change under a run).
     */
    static EngineWatermark.Seen copy(DuckDb duckdb, EngineRelation relation, EngineWatermark watermark, Schema schema,
                                     Path target, long rowGroupSize, java.util.function.LongFunction<String> options,
                                     BufferAllocator allocator, SupportsEngineWrite.Progress progress)
            throws SQLException, IOException {
        EngineRelation.Session instance = relation.session().orElse(duckdb::connect);
        try (Connection opened = instance.connect()) {
            DuckDBConnection connection = opened.unwrap(DuckDBConnection.class);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET enable_progress_bar = true");         // DuckDB counts progress only with it on
                settings.execute("SET enable_progress_bar_print = false");
                // the row-group estimate counts 64-bit offsets, as every DuckDB of hygge exports (a global setting the
                // Home's own reads set; a DuckDB Home's table is copied without any of them having run)
                settings.execute("SET arrow_large_buffer_size = true");
            }
            if (watermark != null) {
                connection.setAutoCommit(false);
            }
            WatermarkAggregate aggregate = watermark == null ? null : WatermarkAggregate.ask(connection, relation, watermark,
                    DuckDb.identifier(watermark.column()),
                    (result, child) -> (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(child, 1), allocator, progress);
            String where = aggregate == null || !aggregate.filtersNulls(watermark) ? ""
                    : " WHERE r." + DuckDb.identifier(watermark.column()) + " IS NOT NULL";
            Optional<List<String>> known = ArrowImportTypes.of(schema);
            List<String> types = known.isPresent() ? known.get() : arrowTypes(instance, schema, allocator);
            String select = "SELECT " + selectList(connection, relation, types, schema)
                    + " FROM (" + relation.sql() + ") r" + where;
            long rowGroup = ParquetWrite.rowGroupRows(bytesPerRow(connection, relation, allocator), rowGroupSize);
            String copy = "COPY (" + select + ") TO " + DuckDb.literal(target.toString()) + " (" + options.apply(rowGroup) + ")";
            long written;
            try (PreparedStatement statement = prepare(connection, copy, relation.parameters())) {
                DuckDBPreparedStatement duck = statement.unwrap(DuckDBPreparedStatement.class);
                EngineRelation.Work<Long> run = () -> WatchedStatement.run(statement, statement::executeLargeUpdate,
                        () -> duck.getQueryProgress().getRowsProcessed(), progress, "Copying " + relation.describe());
                long rows = aggregate != null ? aggregate.rows() : relation.rows().orElse(Long.MAX_VALUE);
                written = rows <= SMALL_ROWS ? instance.runSmall(run) : run.run();
            }
            relation.checkLoaded(connection);   // the Home's word on what the COPY's scan noted (CSV bad rows)
            if (watermark != null) {
                connection.commit();            // a read-only transaction: the snapshot ends, nothing else
            }
            return aggregate == null ? new EngineWatermark.Seen(written, written, java.util.Optional.empty(), 0)
                    : aggregate.seen(written);
        }
    }

    /**
     * Every column of the Arrow schema by name, cast where DuckDB's type for the relation's column
     * is not the one it gives the column imported from Arrow.
     */
    static String selectList(Connection connection, EngineRelation relation, List<String> arrowTypes, Schema schema)
            throws SQLException {
        List<String> relationTypes = new ArrayList<>();
        try (PreparedStatement describe = prepare(connection, "DESCRIBE SELECT * FROM (" + relation.sql() + ") r",
                relation.parameters()); ResultSet columns = describe.executeQuery()) {
            while (columns.next()) {
                relationTypes.add(columns.getString("column_type"));
            }
        }
        if (relationTypes.size() != schema.getFields().size()) {
            throw new StoreException(relation.describe() + " has " + relationTypes.size() + " columns where the flow's rows have "
                    + schema.getFields().size() + "; the Home's relation and its Arrow read disagree");
        }
        StringBuilder select = new StringBuilder();
        for (int i = 0; i < schema.getFields().size(); i++) {
            String column = DuckDb.identifier(schema.getFields().get(i).getName());
            select.append(i == 0 ? "" : ", ");
            // a dictionary's values are not in the schema: such a column goes as the relation has it
            boolean dictionary = schema.getFields().get(i).getDictionary() != null;
            if (dictionary || relationTypes.get(i).equals(arrowTypes.get(i))) {
                select.append(column);
            } else {
                select.append("CAST(").append(column).append(" AS ").append(arrowTypes.get(i)).append(") AS ").append(column);
            }
        }
        return select.toString();
    }

    /**
     * The DuckDB types of {@code schema}'s columns as DuckDB imports them from an Arrow stream, asked
     * of the instance the copy runs on (so a copy of a DuckDB table starts no database of the Store's),
     * on a connection of its own, closed before the stream's memory: DuckDB keeps the exported schema
     * until then.
     */
    static List<String> arrowTypes(EngineRelation.Session instance, Schema schema, BufferAllocator allocator)
            throws SQLException, IOException {
        String view = "hygge_types_" + SEQUENCE.incrementAndGet();
        List<String> types = new ArrayList<>();
        try (BufferAllocator child = allocator.newChildAllocator(view, 0, Long.MAX_VALUE);
             Connection opened = instance.connect();
             ArrowReader empty = dev.hygge.spi.Readers.empty(child, decoded(schema));
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(child)) {
            Data.exportArrayStream(child, empty, stream);
            opened.unwrap(DuckDBConnection.class).registerArrowStream(view, stream);
            try (Statement statement = opened.createStatement();
                 ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + DuckDb.identifier(view))) {
                while (columns.next()) {
                    types.add(columns.getString("column_type"));
                }
            }
        }
        return types;
    }

    /**
     * {@code schema} without dictionary encodings (an empty stream carries no dictionary; such a
     * column is not cast, {@link #selectList}).
     */
    static Schema decoded(Schema schema) {
        return new Schema(schema.getFields().stream().map(RelationCopy::decoded).toList(), schema.getCustomMetadata());
    }

    private static Field decoded(Field field) {
        FieldType type = field.getFieldType();
        List<Field> children = field.getChildren().stream().map(RelationCopy::decoded).toList();
        if (type.getDictionary() == null && children.equals(field.getChildren())) {
            return field;
        }
        return new Field(field.getName(), new FieldType(type.isNullable(), type.getType(), null, type.getMetadata()), children);
    }

    /** Bytes per row of the relation's first {@link #ESTIMATE_ROWS} rows as Arrow batches; 0 when it has none. */
    private static double bytesPerRow(DuckDBConnection connection, EngineRelation relation, BufferAllocator allocator)
            throws SQLException, IOException {
        try (BufferAllocator child = allocator.newChildAllocator("estimate", 0, Long.MAX_VALUE);
             PreparedStatement statement = prepare(connection, "SELECT * FROM (" + relation.sql() + ") r LIMIT " + ESTIMATE_ROWS,
                     relation.parameters());
             DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
             ArrowReader reader = (ArrowReader) result.arrowExportStream(child, ESTIMATE_ROWS)) {
            long bytes = 0;
            long rows = 0;
            while (reader.loadNextBatch()) {
                bytes += VectorBytes.of(reader.getVectorSchemaRoot());
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return rows == 0 ? 0 : (double) bytes / rows;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
