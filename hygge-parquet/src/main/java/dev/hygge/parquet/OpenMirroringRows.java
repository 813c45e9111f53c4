package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.polish.Polish;
import dev.hygge.spi.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A stream's rows as Open Mirroring reads them: the data columns as they come, then
 * {@code __rowMarker__} (a non-null 32-bit integer) as the last column, from the Store's constant or from
 * a column of the rows (which is then not written under its own name). Buffers are transferred, not
 * copied; only the marker is made. Closing it does not close the source (the write owns neither).
 *
 * <pre>{@code
 * RowMarker marker = RowMarker.parse("4");                       // or RowMarker.parse("op")
 * Schema out = OpenMirroringRows.schema(stream.getVectorSchemaRoot().getSchema(), marker, "orders");
 * try (ArrowReader rows = new OpenMirroringRows(allocator, stream, marker, "orders")) { write.consume(rows); }
 * }</pre>
 */
final class OpenMirroringRows extends ArrowReader {
    /** The marker of every row: a constant, or the column holding it. */
    record RowMarker(OptionalInt constant, Optional<String> column) {
        /** The default: upsert. */
        static final RowMarker UPSERT = new RowMarker(OptionalInt.of(4), Optional.empty());

        /** {@code 0}, {@code 1}, {@code 2}, {@code 4}, or a column name; blank or absent is {@link #UPSERT}. */
        static RowMarker parse(String text) {
            if (text == null || text.isBlank()) {
                return UPSERT;
            }
            String t = text.strip();
            if (t.matches("-?\\d+")) {
                return new RowMarker(OptionalInt.of(Integer.parseInt(t)), Optional.empty());
            }
            return new RowMarker(OptionalInt.empty(), Optional.of(t));
        }

        /** The column the marker is read from, or {@code __rowMarker__} itself (the rows may carry one, from polish). */
        String sourceColumn() {
            return column.orElse(Polish.ROW_MARKER);
        }
    }

    private static final Field MARKER = Field.notNullable(Polish.ROW_MARKER, new ArrowType.Int(32, true));

    private final ArrowReader source;
    private final RowMarker marker;
    private final String where;
    private final Schema schema;

    OpenMirroringRows(BufferAllocator allocator, ArrowReader source, RowMarker marker, String where) throws IOException {
        super(allocator);
        this.source = requireNonNull(source, "source is null");
        this.marker = requireNonNull(marker, "marker is null");
        this.where = requireNonNull(where, "where is null");
        this.schema = schema(source.getVectorSchemaRoot().getSchema(), marker, where);
    }

    /**
     * The schema written for {@code in}: its columns without the marker's column (and without a
     * {@code __rowMarker__} it may carry), then {@code __rowMarker__}.
     *
     * @throws StoreException when the marker's column is missing or holds no integers, naming it and the columns there
     */
    static Schema schema(Schema in, RowMarker marker, String where) {
        List<Field> out = new ArrayList<>();
        for (Field f : in.getFields()) {
            if (!f.getName().equals(marker.sourceColumn()) && !f.getName().equals(Polish.ROW_MARKER)) {
                out.add(f);
            }
        }
        if (marker.column().isPresent()) {
            Field column = in.getFields().stream().filter(f -> f.getName().equals(marker.column().get())).findFirst()
                    .orElseThrow(() -> new StoreException("Store " + where + ": row_marker names the column '" + marker.column().get()
                            + "', which the rows do not have (columns: " + names(in) + "); name one of them, or give 0, 1, 2 or 4"));
            if (!(column.getType() instanceof ArrowType.Int)) {
                throw new StoreException("Store " + where + ": row_marker column '" + column.getName() + "' holds " + column.getType()
                        + ", not integers; Open Mirroring's markers are 0 (insert), 1 (update), 2 (delete), 4 (upsert)");
            }
        }
        out.add(MARKER);
        return new Schema(out, in.getCustomMetadata());
    }

    private static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!source.loadNextBatch()) {
            return false;
        }
        VectorSchemaRoot in = source.getVectorSchemaRoot();
        VectorSchemaRoot out = getVectorSchemaRoot();
        int rows = in.getRowCount();
        IntVector markers = (IntVector) out.getVector(Polish.ROW_MARKER);
        markers.allocateNew(rows);
        if (marker.column().isPresent()) {
            BaseIntVector from = (BaseIntVector) in.getVector(marker.column().get());
            for (int i = 0; i < rows; i++) {
                markers.set(i, check(((FieldVector) from).isNull(i) ? null : from.getValueAsLong(i), i));
            }
        } else {
            int value = marker.constant().getAsInt();
            for (int i = 0; i < rows; i++) {
                markers.set(i, value);
            }
        }
        markers.setValueCount(rows);
        for (Field f : schema.getFields()) {
            if (f != MARKER) {
                in.getVector(f.getName()).makeTransferPair(out.getVector(f.getName())).transfer();
            }
        }
        out.setRowCount(rows);
        return true;
    }

    private int check(Long value, int row) {
        if (value == null || !Polish.ROW_MARKERS.contains(value.intValue()) || value.intValue() != value) {
            throw new StoreException("Store " + where + ": row_marker column '" + marker.column().get() + "' holds "
                    + (value == null ? "NULL" : value) + " in row " + row + " of a batch; Open Mirroring knows 0 (insert), 1 (update),"
                    + " 2 (delete) and 4 (upsert): fix the column, or give row_marker a constant");
        }
        return value.intValue();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() {
        // the write owns the source stream; it is closed by whoever opened it
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
