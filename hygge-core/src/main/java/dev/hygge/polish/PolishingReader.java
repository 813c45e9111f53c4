package dev.hygge.polish;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Transfers;
import java.io.IOException;
import java.time.Instant;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} that hands on another reader's batches polished: for code that reads
 * Arrow itself and wants a {@link Polish} applied as the engine applies it. (The engine polishes
 * each batch right after its Home's reader gives it, after the watermark has been read from the
 * Home's own columns, with the same {@link Polisher}.)
 *
 * <pre>{@code
 * try (ArrowReader polished = PolishingReader.over(allocator, reader, polish, Instant.now(), "run-1")) {
 *     while (polished.loadNextBatch()) { ... polished.getVectorSchemaRoot() ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PolishingReader extends ArrowReader {
    private final ArrowReader source;
    private final Polisher polisher;
    private final BufferAllocator allocator;

    private PolishingReader(BufferAllocator allocator, ArrowReader source, Polisher polisher) {
        super(allocator);
        this.source = source;
        this.allocator = allocator;
        this.polisher = polisher;
    }

    /**
     * {@code source} polished by {@code polish}, planned against its schema.
     *
     * @throws dev.hygge.spi.ConfigException when the polish does not fit the reader's schema
     */
    public static PolishingReader over(BufferAllocator allocator, ArrowReader source, Polish polish, Instant loadTime,
                                       String runId) throws IOException {
        requireNonNull(polish, "polish is null");
        Schema schema = requireNonNull(source, "source is null").getVectorSchemaRoot().getSchema();
        return new PolishingReader(allocator, source, polish.plan(schema, loadTime, runId).newPolisher());
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (!source.loadNextBatch()) {
            getVectorSchemaRoot().setRowCount(0);
            return false;
        }
        VectorSchemaRoot taken = Transfers.takeOut(source.getVectorSchemaRoot(), allocator);
        Transfers.moveInto(polisher.apply(taken, allocator), getVectorSchemaRoot());
        return true;
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
    protected Schema readSchema() {
        return polisher.plan().schema();
    }
}
