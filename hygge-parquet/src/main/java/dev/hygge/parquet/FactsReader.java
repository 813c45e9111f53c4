package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ForwardingReader;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands on a reader's batches under a schema that says more about the same columns (nullability,
 * field and schema metadata; the same types): the buffers are shared, never copied. The parquet
 * Home wraps DuckDB's export in it to add what the files' footers say ({@link ParquetFacts}).
 *
 * <pre>{@code
 * ArrowReader told = FactsReader.of(allocator, exported, facts, true);   // true: every column of the files, none added
 * }</pre>
 */
final class FactsReader extends ForwardingReader {
    private final Schema schema;
    private final VectorSchemaRoot root;
    private final VectorLoader loader;

    private FactsReader(BufferAllocator allocator, ArrowReader source, Schema schema) {
        super(allocator, source);
        this.schema = schema;
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.loader = new VectorLoader(root);
    }

    /**
     * {@code source} itself when {@code facts} add nothing to its schema, else a reader handing its
     * batches on under the schema {@link ParquetFacts#apply} makes of it.
     */
    static ArrowReader of(BufferAllocator allocator, ArrowReader source, ParquetFacts facts, boolean fileColumns) throws IOException {
        requireNonNull(allocator, "allocator is null");
        Schema exported = source.getVectorSchemaRoot().getSchema();
        Schema schema = facts.apply(exported, fileColumns);
        if (exported.equals(schema)) {
            return source;
        }
        return new FactsReader(allocator, source, schema);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!source.loadNextBatch()) {
            root.setRowCount(0);
            return false;
        }
        VectorSchemaRoot batch = source.getVectorSchemaRoot();
        try (ArrowRecordBatch buffers = new VectorUnloader(batch).getRecordBatch()) {
            loader.load(buffers);
        }
        batch.clear();
        return true;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
        return root;
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }

    @Override
    protected void closeReadSource() throws IOException {
        try {
            root.close();
        } finally {
            super.closeReadSource();
        }
    }
}
