package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands on a reader whose strings, binaries and lists have large (64-bit) offsets as batches with
 * the regular (32-bit) ones the rest of hygge works with, cutting a batch into slices so that none
 * holds more than {@code maxBatchBytes} (and so no buffer passes Arrow's 2 GB limit for regular
 * offsets).
 *
 * <pre>{@code
 * statement.execute("SET arrow_large_buffer_size = true");     // DuckDB cannot overflow a batch
 * ArrowReader exported = (ArrowReader) result.arrowExportStream(allocator, batchRows);
 * return NarrowingReader.of(allocator, ForwardingReader.closing(allocator, exported, result), NarrowingReader.DEFAULT_MAX_BATCH_BYTES);
 * }</pre>
 *
 * <p>Why: an engine that exports regular offsets cannot hand over a batch whose string data
 * passes 2 GB (130,000 rows of 20 KB strings): DuckDB throws from inside the Arrow stream callback
 * and the process aborts. Exporting large offsets cannot overflow; this reader turns them back,
 * copying only the offsets (data and validity buffers are shared, not copied). A single row larger
 * than {@code maxBatchBytes} is still handed on whole while it fits regular offsets; one that does
 * not fails with a clear error.
 *
 * @since 0.1
 */
public final class NarrowingReader extends ArrowReader {
    /** The most a batch may hold after narrowing: large enough to keep batches efficient, far below 2 GB. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 256L << 20;
    private static final long REGULAR_LIMIT = Integer.MAX_VALUE;

    private final ArrowReader source;
    private final long maxBatchBytes;
    private final Schema schema;
    private final VectorSchemaRoot root;
    private final Map<Long, Dictionary> dictionaries = new HashMap<>();
    private VectorSchemaRoot current;
    private int position;

    private NarrowingReader(BufferAllocator allocator, ArrowReader source, Schema schema, long maxBatchBytes) {
        super(allocator);
        this.source = source;
        this.schema = schema;
        this.maxBatchBytes = maxBatchBytes;
        this.root = VectorSchemaRoot.create(schema, allocator);
    }

    /**
     * {@code source} itself when nothing in its schema has large offsets, else a reader that narrows
     * them; closing the result closes {@code source}.
     */
    public static ArrowReader of(BufferAllocator allocator, ArrowReader source, long maxBatchBytes) throws IOException {
        requireNonNull(allocator, "allocator is null");
        requireNonNull(source, "source is null");
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive: " + maxBatchBytes);
        }
        Schema schema = source.getVectorSchemaRoot().getSchema();
        // dictionaries of a C stream arrive with its batches: a dictionary-encoded column may have large values
        Schema narrowed = schemaOf(schema);
        return narrowed == schema ? source : new NarrowingReader(allocator, source, narrowed, maxBatchBytes);
    }

    /**
     * The schema {@link #of} gives a source of {@code schema}: the large types narrowed where a field is
     * large or dictionary-encoded, else {@code schema} itself.
     *
     * @since 0.7
     */
    public static Schema schemaOf(Schema schema) {
        boolean large = schema.getFields().stream().anyMatch(f -> hasLarge(f) || hasDictionary(f));
        return large ? new Schema(narrow(schema.getFields()), schema.getCustomMetadata()) : schema;
    }

    /** The type a large type becomes; every other type stays. */
    static ArrowType narrow(ArrowType type) {
        return switch (type.getTypeID()) {
            case LargeUtf8 -> ArrowType.Utf8.INSTANCE;
            case LargeBinary -> ArrowType.Binary.INSTANCE;
            case LargeList -> ArrowType.List.INSTANCE;
            default -> type;
        };
    }

    private static List<Field> narrow(List<Field> fields) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field field : fields) {
            FieldType type = field.getFieldType();
            out.add(new Field(field.getName(), new FieldType(type.isNullable(), narrow(type.getType()), type.getDictionary(),
                    type.getMetadata()), narrow(field.getChildren())));
        }
        return out;
    }

    private static boolean hasDictionary(Field field) {
        return field.getDictionary() != null || field.getChildren().stream().anyMatch(NarrowingReader::hasDictionary);
    }

    private static boolean hasLarge(Field field) {
        return narrow(field.getType()) != field.getType() || field.getChildren().stream().anyMatch(NarrowingReader::hasLarge);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        while (current == null || position >= current.getRowCount()) {
            if (!source.loadNextBatch()) {
                current = null;
                root.setRowCount(0);
                return false;
            }
            current = source.getVectorSchemaRoot();
            position = 0;
            refreshDictionaries();
            if (current.getRowCount() == 0) {
                narrowInto(current, root);
                return true;
            }
        }
        int rows = current.getRowCount();
        int end = rows;
        if (bytes(current, position, rows) > maxBatchBytes) {
            end = lastEndWithin(position, rows);
        }
        if (position == 0 && end == rows) {
            narrowInto(current, root);
        } else {
            try (VectorSchemaRoot slice = current.slice(position, end - position)) {
                narrowInto(slice, root);
            }
        }
        position = end;
        return true;
    }

    /** The furthest end after {@code from} whose rows fit {@code maxBatchBytes}; at least one row. */
    private int lastEndWithin(int from, int rows) throws IOException {
        int low = from + 1;
        int high = rows;
        while (low < high) {
            int mid = low + (high - low + 1) / 2;
            if (bytes(current, from, mid) <= maxBatchBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        long one = bytes(current, from, low);
        if (low == from + 1 && one > REGULAR_LIMIT) {
            throw new IOException("Row " + from + " of a batch holds " + one + " bytes, more than one Arrow batch can carry"
                    + " (2 GB): read that column in parts or leave it out");
        }
        return low;
    }

    /** Bytes rows {@code [from, to)} of {@code root} take, from the offsets (no data is read). */
    private static long bytes(VectorSchemaRoot root, int from, int to) {
        long total = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            total += VectorBytes.of(vector, from, to);
        }
        return total;
    }

    /** Loads {@code from}'s rows into {@code to} (the narrowed schema): offsets rewritten, other buffers shared. */
    private void narrowInto(VectorSchemaRoot from, VectorSchemaRoot to) throws IOException {
        List<ArrowBuf> created = new ArrayList<>();
        try (ArrowRecordBatch batch = new VectorUnloader(from).getRecordBatch()) {
            List<ArrowBuf> buffers = new ArrayList<>(batch.getBuffers());
            int[] at = {0, 0};
            for (FieldVector vector : from.getFieldVectors()) {
                rewrite(vector.getField(), batch.getNodes(), buffers, created, at);
            }
            try (ArrowRecordBatch narrowed = new ArrowRecordBatch(batch.getLength(), batch.getNodes(), buffers)) {
                new VectorLoader(to).load(narrowed);
            }
        } finally {
            created.forEach(ArrowBuf::close);
        }
    }

    /** Walks one field's nodes and buffers in the unloader's order, replacing large offsets by regular ones. */
    private void rewrite(Field field, List<ArrowFieldNode> nodes, List<ArrowBuf> buffers, List<ArrowBuf> created, int[] at)
            throws IOException {
        int length = nodes.get(at[0]++).getLength();
        if (narrow(field.getType()) != field.getType()) {
            ArrowBuf narrowed = narrowOffsets(buffers.get(at[1] + 1), length, field.getName());
            created.add(narrowed);
            buffers.set(at[1] + 1, narrowed);
        }
        at[1] += TypeLayout.getTypeBufferCount(field.getType());
        for (Field child : field.getChildren()) {
            rewrite(child, nodes, buffers, created, at);
        }
    }

    private ArrowBuf narrowOffsets(ArrowBuf large, int length, String column) throws IOException {
        ArrowBuf regular = allocator.buffer((length + 1L) * Integer.BYTES);
        if (large.capacity() < (length + 1L) * Long.BYTES) {
            regular.setZero(0, regular.capacity()); // no rows: a single zero offset
            return regular;
        }
        for (int i = 0; i <= length; i++) {
            long offset = large.getLong((long) i * Long.BYTES);
            if (offset > REGULAR_LIMIT) {
                regular.close();
                throw new IOException("Column '" + column + "' holds more than 2 GB in one batch after slicing: lower batch_size");
            }
            regular.setInt((long) i * Integer.BYTES, (int) offset);
        }
        return regular;
    }

    private void refreshDictionaries() throws IOException {
        Map<Long, Dictionary> sourceDictionaries = source.getDictionaryVectors();
        if (sourceDictionaries.isEmpty()) {
            return;
        }
        closeDictionaries();
        for (Map.Entry<Long, Dictionary> entry : sourceDictionaries.entrySet()) {
            FieldVector values = entry.getValue().getVector();
            VectorSchemaRoot wrapped = new VectorSchemaRoot(List.of(values.getField()), List.of(values), values.getValueCount());
            VectorSchemaRoot narrowed = VectorSchemaRoot.create(new Schema(narrow(List.of(values.getField()))), allocator);
            narrowInto(wrapped, narrowed);
            dictionaries.put(entry.getKey(), new Dictionary(narrowed.getVector(0), entry.getValue().getEncoding()));
        }
    }

    private void closeDictionaries() {
        dictionaries.values().forEach(d -> d.getVector().close());
        dictionaries.clear();
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
        return root;
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() {
        return dictionaries;
    }

    @Override
    public Dictionary lookup(long id) {
        return dictionaries.get(id);
    }

    @Override
    public Set<Long> getDictionaryIds() {
        return dictionaries.keySet();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        try {
            closeDictionaries();
            root.close();
        } finally {
            source.close();
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
