package dev.hygge.parquet;

import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Readers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Widens half-precision float columns ({@code float16}, as Arrow Dataset reads parquet's FLOAT16)
 * to single precision, which is what DuckDB's parquet reader gives for them, and which DuckDB's
 * Arrow import takes (it refuses {@code float16}: "Unsupported Internal Arrow Type e"). Every
 * other column is handed on as it is, its buffers transferred.
 *
 * <pre>{@code
 * ArrowReader readable = HalfFloats.widened(arrowDatasetReader, allocator);
 * }</pre>
 */
final class HalfFloats {
    private static final ArrowType HALF = new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
    private static final ArrowType SINGLE = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);

    private HalfFloats() {}

    /** {@code source} with its top-level {@code float16} columns as {@code float32}; {@code source} itself when it has none. */
    static ArrowReader widened(ArrowReader source, BufferAllocator allocator) {
        Schema schema;
        try {
            schema = source.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (schema.getFields().stream().noneMatch(f -> f.getType().equals(HALF))) {
            return source;
        }
        List<Field> fields = schema.getFields().stream().map(f -> f.getType().equals(HALF)
                ? new Field(f.getName(), new FieldType(f.isNullable(), SINGLE, null, f.getMetadata()), List.of()) : f).toList();
        return Readers.filling(allocator, new Schema(fields, schema.getCustomMetadata()), root -> {
            if (!source.loadNextBatch()) {
                return false;
            }
            VectorSchemaRoot batch = source.getVectorSchemaRoot();
            for (int i = 0; i < fields.size(); i++) {
                FieldVector from = batch.getVector(i);
                FieldVector to = root.getVector(i);
                if (from instanceof Float2Vector half) {
                    widen(half, (Float4Vector) to, batch.getRowCount());
                } else {
                    from.makeTransferPair(to).transfer();
                }
            }
            root.setRowCount(batch.getRowCount());
            return true;
        }, () -> ForwardingReader.closeQuietly(source));
    }

    private static void widen(Float2Vector from, Float4Vector to, int rows) {
        to.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            if (from.isNull(row)) {
                to.setNull(row);
            } else {
                to.set(row, (float) from.getValueAsDouble(row));
            }
        }
        to.setValueCount(rows);
    }
}
