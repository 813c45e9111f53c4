package dev.hygge.parquet;

import dev.hygge.spi.StoreException;
import dev.hygge.jdbc.IfExists;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.SupportsEngineWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write of the parquet Store: each consumed stream is exported through the Arrow C stream
 * interface to a DuckDB connection of its own and written by {@code COPY ... TO} into the staging
 * folder; {@link #commit()} names the files and moves them into place. A relation of the Home's
 * DuckDB ({@link #load}) is copied inside DuckDB instead, into the file the stream would have made.
 */
final class ParquetWrite implements SupportsEngineWrite.EngineWrite {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetWrite.class);
    /** Bytes a row group is sized for when rows are wide. */
    static final long ROW_GROUP_BYTES = 64L << 20;

    private final ParquetStoreOptions options;
    private final IfExists ifExists;
    private final String runId;
    private final FilePattern pattern;
    private final Map<String, String> names;
    private final DuckDb duckdb;
    private final Staging staging;
    private final DestinationLock lock;
    private final Schema schema;
    private final BufferAllocator allocator;
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    /** Told of each staged file once DuckDB has written it whole (not of partition folders): the cloud Store uploads it. */
    private volatile java.util.function.Consumer<Path> fileWritten = file -> { };
    private boolean committed;
    private boolean aborted;

    /** @param ifExists what if_exists does for this write (append for an incremental run that says replace) */
    ParquetWrite(ParquetStoreOptions options, IfExists ifExists, String runId, FilePattern pattern, Map<String, String> names,
                 DuckDb duckdb, Staging staging, DestinationLock lock, Schema schema, BufferAllocator parent) {
        this.options = options;
        this.ifExists = ifExists;
        this.runId = runId;
        this.pattern = pattern;
        this.names = names;
        this.duckdb = duckdb;
        this.staging = staging;
        this.lock = lock;
        this.schema = schema;
        this.allocator = parent.newChildAllocator("parquet write " + staging.folder(), 0, Long.MAX_VALUE);
    }

    @Override
    public long consume(ArrowReader stream) throws Exception {
        int id = streams.getAndIncrement();
        long written = 0;
        // DuckDB keeps the exported schema until its connection closes: close the connection before the allocator
        try (BufferAllocator streamAllocator = allocator.newChildAllocator("stream " + id, 0, Long.MAX_VALUE);
             DuckDBConnection connection = duckdb.connect();
             Statement statement = connection.createStatement();
             StreamChunks chunks = new StreamChunks(stream, options.rowsPerFile, streamAllocator)) {
            for (int file = 0; chunks.hasMore(); file++) {
                String staged = staged(id, file);
                long rowGroup = rowGroupRows(chunks.bytesPerRow(), options.rowGroupSize);
                try (ArrowReader chunk = chunks.next()) {
                    copy(connection, statement, chunk, "hygge_s" + id + "_" + file, staging.folder().resolve(staged),
                            streamAllocator, rowGroup);
                }
                if (options.partitionBy.isEmpty()) {
                    fileWritten.accept(staging.folder().resolve(staged));
                }
            }
            written = chunks.rows();
        }
        rows.addAndGet(written);
        return written;
    }

    /**
     * Writes the rows of {@code relation} where a stream's would go (one file, or one partition
     * folder, per relation, as per stream) with one DuckDB {@code COPY} ({@link RelationCopy}); with
     * {@code rows_per_file}, the files a stream would make, each one {@code COPY} of the relation's
     * next slice of that many rows ({@link EngineRelation#slices}: the Store takes relations with
     * {@code rows_per_file} only when they can be cut, {@link ParquetStore#whyNoRelation}).
     */
    @Override
    public long load(EngineRelation relation, SupportsEngineWrite.Progress progress) throws Exception {
        return load(relation, null, progress).written();
    }

    /**
     * Writes {@code relation} as {@link #load(EngineRelation, SupportsEngineWrite.Progress)} does, tracking
     * {@code watermark} ({@link RelationCopy}); the watermark is committed with the files by {@link #commit(Map)}
     * as on the Arrow path.
     */
    @Override
    public EngineWatermark.Seen load(EngineRelation relation, EngineWatermark watermark, SupportsEngineWrite.Progress progress)
            throws Exception {
        int id = streams.getAndIncrement();
        if (options.rowsPerFile > 0) {
            if (watermark != null || !options.partitionBy.isEmpty()) {
                throw new IllegalStateException("rows_per_file relations are taken without a watermark or partitions");
            }
            long written = 0;
            int file = 0;
            for (EngineRelation slice : relation.slices(options.rowsPerFile)) {
                if (progress.cancelled()) {
                    throw new StoreException("Writing " + staging.destination() + " was cancelled");
                }
                written += copy(slice, null, staging.folder().resolve(staged(id, file++)), new Offset(progress, written)).written();
            }
            return new EngineWatermark.Seen(written, written, Optional.empty(), 0);
        }
        return copy(relation, watermark, staging.folder().resolve(staged(id, 0)), progress);
    }

    /** The staged name of a stream's {@code file}-th file (or partition folder): the commit names them in this order. */
    private String staged(int id, int file) {
        return String.format("s%03d-%06d", id, file) + (options.partitionBy.isEmpty() ? extension() : "");
    }

    /** A slice's progress: the rows of the slices before it added. */
    private record Offset(SupportsEngineWrite.Progress progress, long before) implements SupportsEngineWrite.Progress {
        @Override
        public void processed(long rows) {
            progress.processed(before + rows);
        }

        @Override
        public boolean cancelled() {
            return progress.cancelled();
        }

        @Override
        public void wrote(long bytes) {
            progress.wrote(bytes);
        }
    }

    /** One {@code COPY} of {@code relation} into the staged {@code target} (a file, or a partition folder). */
    private EngineWatermark.Seen copy(EngineRelation relation, EngineWatermark watermark, Path target,
                                      SupportsEngineWrite.Progress progress) throws Exception {
        EngineWatermark.Seen seen;
        try {
            seen = RelationCopy.copy(duckdb, relation, watermark, schema, target, options.rowGroupSize, this::copyOptions,
                    allocator, progress);
        } catch (dev.hygge.spi.HyggeException e) {
            throw e;                            // the Home's own failure (a CSV file's bad rows), as on the Arrow path
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Writing " + options.format.label() + " file " + target + " for " + staging.destination()
                    + " from " + relation.describe() + " failed: " + e.getMessage(), e);
        }
        if (options.partitionBy.isEmpty() && seen.written() == 0) {
            // as the Arrow path writes no file for a stream without rows (an incremental split with nothing new);
            // a write of no rows at all gets its one empty file at the commit, on both paths
            Files.delete(target);
        } else {
            progress.wrote(bytes(target));
            if (options.partitionBy.isEmpty()) {
                fileWritten.accept(target);
            }
        }
        rows.addAndGet(seen.written());
        return seen;
    }

    /** The bytes of a staged file, or of every file in a staged partition folder. */
    private static long bytes(Path staged) throws IOException {
        if (!Files.isDirectory(staged)) {
            return Files.size(staged);
        }
        try (Stream<Path> walk = Files.walk(staged)) {
            long bytes = 0;
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    /** Tells {@code listener} of each staged file once it is written whole (from the writing thread). */
    void onFileWritten(java.util.function.Consumer<Path> listener) {
        this.fileWritten = java.util.Objects.requireNonNull(listener, "listener is null");
    }

    /** Writes one reader's rows to {@code target} with DuckDB's parquet writer. */
    private void copy(DuckDBConnection connection, Statement statement, ArrowReader reader, String view, Path target,
                      BufferAllocator streamAllocator, long rowGroupRows) {
        try (ArrowArrayStream exported = ArrowArrayStream.allocateNew(streamAllocator)) {
            Data.exportArrayStream(streamAllocator, reader, exported);
            connection.registerArrowStream(view, exported);
            statement.execute("COPY (SELECT " + selectList() + " FROM " + DuckDb.identifier(view) + ") TO "
                    + DuckDb.literal(target.toString()) + " (" + copyOptions(rowGroupRows) + ")");
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Writing " + options.format.label() + " file " + target + " for " + staging.destination() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rows per row group: {@code row_group_size}, fewer for wide rows so that a row group DuckDB
     * buffers while encoding holds about {@link #ROW_GROUP_BYTES} (122,880 rows of 20 KB strings are
     * 2.4 GB, past the writer's memory limit), never fewer than DuckDB's 2,048-row vector.
     */
    static long rowGroupRows(double bytesPerRow, long rowGroupSize) {
        if (bytesPerRow <= 0) {
            return rowGroupSize;
        }
        return Math.min(rowGroupSize, Math.max(2_048, (long) (ROW_GROUP_BYTES / bytesPerRow)));
    }

    /**
     * Every column; for CSV a list, struct or map column is written as its JSON text
     * ({@code [1,2]}, {@code {"k":"v"}}), which CSV cannot hold otherwise.
     */
    private String selectList() {
        if (options.format != FileFormat.CSV) {
            return "*";
        }
        return schema.getFields().stream().map(f -> {
            String column = DuckDb.identifier(f.getName());
            return f.getType().isComplex() ? "to_json(" + column + ") AS " + column : column;
        }).collect(Collectors.joining(", "));
    }

    /** The staged files' extension: {@code .parquet}, {@code .csv}, {@code .csv.gz}, {@code .ndjson.zst}... */
    private String extension() {
        return options.format.extension(options.compression());
    }

    String copyOptions(long rowGroupRows) {
        StringBuilder sql = new StringBuilder();
        if (options.format == FileFormat.PARQUET) {
            sql.append("FORMAT parquet, COMPRESSION ").append(options.compression().duckDbName())
                    .append(", ROW_GROUP_SIZE ").append(rowGroupRows);
            sql.append(CopyFacts.options(schema, options.partitionBy));
        } else {
            sql.append(TextFormats.copyOptions(options.format, options.formatOptions, options.compression()));
        }
        if (!options.partitionBy.isEmpty()) {
            sql.append(", PARTITION_BY (")
                    .append(options.partitionBy.stream().map(DuckDb::identifier).collect(Collectors.joining(", ")))
                    .append(")");
        }
        return sql.toString();
    }

    @Override
    public void commit() {
        commit(Map.of());
    }

    /**
     * Names the staged files from what is committed (the destination's lock is held since begin,
     * so nothing else changes it meanwhile) and applies the commit: a replace's old files are
     * those of this destination ({@link DestinationFiles}), an append never lands on an existing name.
     * {@code state} goes into the destination's {@link StateFile} in the same journaled commit: a
     * replace, or a first write of the name, replaces the name's state; an append adds to it.
     */
    @Override
    public synchronized void commit(Map<String, String> state) {
        if (committed || aborted) {
            throw new IllegalStateException("This write of " + staging.destination() + " was already "
                    + (committed ? "committed" : "aborted"));
        }
        try {
            Path destination = staging.destination();
            if (rows.get() == 0 && options.partitionBy.isEmpty()) {
                writeEmptyFile();
            }
            List<Path> staged = stagedFiles();
            boolean replace = ifExists == IfExists.REPLACE;
            List<Path> owned = DestinationFiles.owned(destination, pattern, names, options.partitionBy);
            Optional<String> stagedState = StateFile.stage(destination, staging.folder(), names.get("name"), state,
                    replace || owned.isEmpty(), runId);
            long sequence = replace ? 0 : DestinationFiles.nextSequence(owned, pattern, names);
            Set<Path> replaced = replace ? new HashSet<>(owned) : Set.of();
            List<Staging.Move> moves = new ArrayList<>();
            for (Path file : staged) {
                Path relative = staging.folder().relativize(file);
                // partitioned: s000-000000/region=eu/data_0.parquet -> region=eu/<name>
                Path folder = relative.getNameCount() > 2 ? relative.subpath(1, relative.getNameCount() - 1) : null;
                String name = pattern.format(names, sequence++);
                Path target = folder == null ? destination.resolve(name) : destination.resolve(folder).resolve(name);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replaced.contains(target)) {
                    throw new StoreException("Parquet destination " + destination + ": " + target + " already exists and is"
                            + " not a file this write replaces; a commit never moves aside a file it does not own: move that"
                            + " file away, then run again. Nothing was changed");
                }
                moves.add(new Staging.Move(destination.relativize(file).toString(), destination.relativize(target).toString()));
            }
            List<String> asides = replace ? owned.stream().map(f -> destination.relativize(f).toString()).toList() : List.of();
            staging.commit(moves, asides, stagedState);
            committed = true;
            LOG.debug("{} - committed {} file(s), {} rows{}{}", destination, moves.size(), rows.get(),
                    replace ? ", replacing " + owned.size() + " file(s)" : "", state.isEmpty() ? "" : ", state " + state.keySet());
        } finally {
            if (!committed) {
                aborted = true;
                staging.close();
            }
            lock.close();
            closeAllocator();
        }
    }

    private void closeAllocator() {
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            LOG.warn("{} - Arrow memory still held after the write: {}", staging.destination(), e.getMessage());
        }
    }

    /** A write of no rows leaves one valid parquet file with the schema and no rows. */
    private void writeEmptyFile() {
        try (BufferAllocator emptyAllocator = allocator.newChildAllocator("empty", 0, Long.MAX_VALUE);
             DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
             ArrowReader empty = dev.hygge.spi.Readers.empty(emptyAllocator, schema)) {
            copy(connection, statement, empty, "hygge_empty", staging.folder().resolve("s999-000000" + extension()), emptyAllocator,
                    options.rowGroupSize);
        } catch (SQLException | IOException e) {
            throw new StoreException("Writing an empty " + options.format.label() + " file into " + staging.destination() + " failed: " + e, e);
        }
    }

    private List<Path> stagedFiles() {
        try (Stream<Path> walk = Files.walk(staging.folder())) {
            return walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(extension()))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("Cannot list the staged files in " + staging.folder() + ": " + e, e);
        }
    }

    @Override
    public synchronized void abort() {
        if (committed || aborted) {
            return;
        }
        aborted = true;
        try {
            staging.close();
        } finally {
            lock.close();
            closeAllocator();
        }
    }

    @Override
    public void close() {
        abort();
    }
}
