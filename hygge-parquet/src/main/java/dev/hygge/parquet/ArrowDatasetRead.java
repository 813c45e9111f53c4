package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.NativeLibraries;
import dev.hygge.spi.Readers;
import dev.hygge.spi.Transfers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.JniLoader;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/**
 * Reads one local parquet file with Arrow Dataset's parquet reader (Arrow C++ through JNI) and
 * hands its batches to DuckDB as an Arrow stream, for the files DuckDB's own parquet reader
 * refuses (see {@link ReadFallback}). The query the Home runs over it is the one it runs over
 * {@code read_parquet}: the same projection, hive columns, watermark filter and Arrow export, so
 * the columns and their types are DuckDB's either way.
 *
 * <pre>{@code
 * try (ArrowDatasetRead.Registered scan = ArrowDatasetRead.register(connection, "hygge_arrow_0", file, 0, -1,
 *         hive, hiveTypes, 122_880, allocator)) {
 *     statement.executeQuery("SELECT * FROM " + scan.relation());
 * }
 * }</pre>
 *
 * <p>A split of whole row groups ({@code [firstRow, endRow)}) is read by scanning the file in
 * order and keeping the rows of the range: the scanner cannot be told which row groups to read.
 * Arrow Dataset's native library (76 MB) is loaded on first use only, and its extracted copy
 * deleted once loaded ({@link NativeLibraries}).
 */
final class ArrowDatasetRead {
    private ArrowDatasetRead() {}

    /**
     * What DuckDB reads {@code file} from: the registered stream and the resources behind it,
     * closed after the query that reads it.
     *
     * @param relation the SQL relation to select from, e.g. {@code (SELECT *, CAST('eu' AS VARCHAR) AS "region" FROM "view")}
     */
    record Registered(String relation, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() {
            ForwardingReader.closeQuietly(resources);
        }
    }

    /**
     * Registers the rows {@code [firstRow, endRow)} of {@code file} ({@code endRow} -1 for every
     * row) as Arrow stream {@code view} of {@code connection}, with {@code hive}'s folder values
     * as columns of {@code hiveTypes}' types after the file's (as {@code read_parquet} adds them).
     *
     * @throws RuntimeException when Arrow Dataset cannot open the file, or DuckDB the stream (the message says why)
     */
    static Registered register(DuckDBConnection connection, String view, Path file, long firstRow, long endRow,
                               Map<String, String> hive, Map<String, String> hiveTypes, int batchRows,
                               BufferAllocator allocator) {
        ArrowReader reader = open(file, firstRow, endRow, batchRows, allocator);
        ArrowArrayStream stream = null;
        try {
            stream = ArrowArrayStream.allocateNew(allocator);
            Data.exportArrayStream(allocator, reader, stream);
            connection.registerArrowStream(view, stream);
        } catch (RuntimeException e) {
            ForwardingReader.closeQuietly(stream);
            ForwardingReader.closeQuietly(reader);
            throw e;
        }
        ArrowArrayStream exported = stream;
        return new Registered(relation(view, hive, hiveTypes), () -> {
            ForwardingReader.closeQuietly(exported);
            ForwardingReader.closeQuietly(reader);
        });
    }

    /** {@code view} with the hive columns added; {@code view} alone when there are none. */
    static String relation(String view, Map<String, String> hive, Map<String, String> hiveTypes) {
        if (hiveTypes.isEmpty()) {
            return DuckDb.identifier(view);
        }
        String columns = hiveTypes.entrySet().stream()
                .map(e -> "CAST(" + (hive.containsKey(e.getKey()) ? DuckDb.literal(hive.get(e.getKey())) : "NULL")
                        + " AS " + e.getValue() + ") AS " + DuckDb.identifier(e.getKey()))
                .collect(Collectors.joining(", "));
        return "(SELECT *, " + columns + " FROM " + DuckDb.identifier(view) + ")";
    }

    /**
     * The rows {@code [firstRow, endRow)} of {@code file} ({@code endRow} -1 for every row) as
     * Arrow batches of at most {@code batchRows} rows owned by {@code allocator}, in file order.
     */
    static ArrowReader open(Path file, long firstRow, long endRow, int batchRows, BufferAllocator allocator) {
        requireNonNull(file, "file is null");
        loadLibrary();
        DatasetFactory factory = null;
        Dataset dataset = null;
        Scanner scanner = null;
        try {
            factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(), FileFormat.PARQUET,
                    file.toAbsolutePath().toUri().toString());
            dataset = factory.finish();
            scanner = dataset.newScan(new ScanOptions(Math.max(1, batchRows)));
            ArrowReader batches = scanner.scanBatches();
            // DuckDB reads FLOAT16 as FLOAT and takes no float16 from Arrow: widened, the types are read_parquet's
            ArrowReader all = HalfFloats.widened(ForwardingReader.closing(allocator, batches, scanner, dataset, factory), allocator);
            return firstRow <= 0 && endRow < 0 ? all : range(all, firstRow, endRow, allocator);
        } catch (RuntimeException e) {
            ForwardingReader.closeQuietly(scanner);
            ForwardingReader.closeQuietly(dataset);
            ForwardingReader.closeQuietly(factory);
            throw e;
        }
    }

    /** The rows {@code [firstRow, endRow)} of {@code source}, counted from its first row; closing it closes {@code source}. */
    static ArrowReader range(ArrowReader source, long firstRow, long endRow, BufferAllocator allocator) {
        long[] position = {0};
        try {
            return Readers.filling(allocator, source.getVectorSchemaRoot().getSchema(), root -> {
                while (position[0] < endRow && source.loadNextBatch()) {
                    VectorSchemaRoot batch = source.getVectorSchemaRoot();
                    long start = position[0];
                    position[0] += batch.getRowCount();
                    long from = Math.max(start, firstRow);
                    long to = Math.min(position[0], endRow);
                    if (from < to) {
                        Transfers.moveInto(Transfers.slice(batch, (int) (from - start), (int) (to - from), allocator), root);
                        return true;
                    }
                }
                return false;
            }, () -> ForwardingReader.closeQuietly(source));
        } catch (IOException e) {
            ForwardingReader.closeQuietly(source);
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Loads Arrow Dataset's JNI library once, then deletes the copy its loader extracted ({@code jnilib-*.tmp}). */
    private static void loadLibrary() {
        JniLoader.get().ensureLoaded();
        NativeLibraries.load(JniLoader.class.getName(), JniLoader.class.getClassLoader(), "jnilib-", ".tmp");
    }
}
