package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ArrowReader} that hands on another reader's batches: the same root, dictionaries and
 * schema, nothing copied. Closing it closes the source; subclasses change what loading or closing
 * does. {@link #closing} also closes what the source reads from (a driver's result set, statement
 * and connection), which is what a Home's {@link Home#open} usually returns.
 *
 * <pre>{@code
 * ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(allocator, batchSize);
 * return ForwardingReader.closing(allocator, reader, resultSet, statement, connection);
 * }</pre>
 */
public class ForwardingReader extends ArrowReader {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingReader.class);

    /** The reader whose batches are handed on. */
    protected final ArrowReader source;

    public ForwardingReader(BufferAllocator allocator, ArrowReader source) {
        super(allocator);
        this.source = requireNonNull(source, "source is null");
    }

    /**
     * {@code source}, closing {@code resources} in order after it (a failure to close one is
     * logged, and the rest are still closed).
     */
    public static ArrowReader closing(BufferAllocator allocator, ArrowReader source, AutoCloseable... resources) {
        AutoCloseable[] closed = resources.clone();
        return new ForwardingReader(allocator, source) {
            @Override
            protected void closeReadSource() throws IOException {
                try {
                    super.closeReadSource();
                } finally {
                    for (AutoCloseable resource : closed) {
                        closeQuietly(resource);
                    }
                }
            }
        };
    }

    /** Closes {@code closeable} if there is one; a failure is logged, not thrown (an error is already on its way). */
    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", closeable, e);
            }
        }
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        return source.loadNextBatch();
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        return source.getVectorSchemaRoot();
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
        return source.getDictionaryVectors();
    }

    @Override
    public Dictionary lookup(long id) {
        return source.lookup(id);
    }

    @Override
    public Set<Long> getDictionaryIds() {
        return source.getDictionaryIds();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        source.close();
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }
}
