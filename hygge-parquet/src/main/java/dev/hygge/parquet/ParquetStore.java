package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.StoreException;
import dev.hygge.jdbc.IfExists;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.WriteRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes parquet files into a folder ({@code path/<entity>/} for a flow with an entity), with
 * embedded DuckDB's parquet writer fed through the Arrow C stream interface: one DuckDB
 * {@code COPY} per stream (and per file when {@code rows_per_file} is set), so several streams
 * encode in parallel.
 *
 * <pre>{@code
 * hygge.flow("sales").entity("orders").from(...)
 *      .to("parquet", Map.of("path", "lake/sales", "compression", "zstd", "if_exists", "replace"))
 *      .run();
 * }</pre>
 *
 * <p>Nothing is visible until the commit: files are staged in {@code _hygge_staging/<run>/}
 * inside the destination and renamed into place by the {@link Staging commit protocol}. One write
 * per destination folder at a time: the write holds {@code _hygge.lock} there from begin to
 * commit or abort, so flows of this JVM and other processes queue. State an incremental load
 * keeps (its watermark) is committed in the same journaled commit as the files ({@link StateFile}):
 * a crash at any moment leaves the old files with the old state, or the new files with the new.
 *
 * <p>From a Home on DuckDB (parquet files, a DuckDB table) the rows are copied inside DuckDB
 * ({@link SupportsEngineWrite}): the same staged files, commit and lock, without the Arrow hand-off.
 */
final class ParquetStore implements Store, SupportsState, SupportsEngineWrite {
    /** Streams one write takes at once: one DuckDB COPY each. */
    static final int MAX_STREAMS = 16;
    /**
     * The destination's lock file ({@link DestinationLock}): held by the one write (or repair) at a
     * time; never removed, readers skip {@code _} names.
     */
    static final String LOCK_FILE = "_hygge.lock";

    private final ParquetStoreOptions options;
    private final FilePattern pattern;
    private final DuckDb duckdb;
    private final HyggeContext context;

    ParquetStore(ParquetStoreOptions options, FilePattern pattern, DuckDb duckdb, HyggeContext context) {
        this.options = requireNonNull(options, "options is null");
        this.pattern = requireNonNull(pattern, "pattern is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public String describe() {
        return options.format.label() + " " + options.path;
    }

    @Override
    public int maxStreams() {
        return MAX_STREAMS;
    }

    /**
     * Resolves and checks the destination, takes its lock (waiting up to the request's
     * {@code lockWait} for another writer, in this JVM or another process), then, under the lock,
     * completes or removes what dead runs left and stages this write. The lock is held until the
     * write commits or aborts.
     */
    @Override
    public StoreWrite begin(WriteRequest request) {
        Path destination = folder(request.entity());
        Map<String, String> names = Map.of("name", request.name(), "flow", request.flow(),
                "entity", request.entity().orElse(""), "timestamp", FilePattern.timestamp(java.time.Instant.now()));
        String first = pattern.format(names, 0);
        if (DestinationFiles.problem(first) != null || first.startsWith("_") || first.startsWith(".")) {
            throw new StoreException("Store " + describe() + ": file_pattern '" + pattern + "' makes the file name '"
                    + DestinationFiles.printable(first) + "' for flow '" + DestinationFiles.printable(request.flow())
                    + "', which is not a plain file name inside " + destination + "; rename the flow or set file_pattern");
        }
        for (String column : options.partitionBy) {
            if (request.schema().getFields().stream().noneMatch(f -> f.getName().equals(column))) {
                throw new StoreException("Store " + describe() + ": partition_by column '" + column + "' is not among the columns "
                        + request.schema().getFields().stream().map(f -> f.getName()).toList());
            }
        }
        if (Files.exists(destination) && !Files.isDirectory(destination)) {
            throw new StoreException("Parquet destination " + destination + " is a file, not a folder: point path at a folder");
        }
        try {
            Files.createDirectories(destination);
        } catch (IOException e) {
            throw new StoreException("Cannot write to parquet destination " + destination + ": " + Staging.reason(e)
                    + "; check that the folder can be created and written", e);
        }
        DestinationLock lock = DestinationLock.acquire("parquet " + destination, destination.resolve(LOCK_FILE),
                request.holder(), request.lockWait());
        try {
            Staging.recover(destination);
            if (options.ifExists == IfExists.FAIL) {
                List<Path> existing = DestinationFiles.owned(destination, pattern, names, options.partitionBy);
                if (!existing.isEmpty()) {
                    throw new StoreException("Parquet destination " + destination + " already holds " + existing.size()
                            + " parquet file(s) of " + request.name() + " (e.g. " + destination.relativize(existing.get(0))
                            + ") and if_exists is 'fail': use if_exists 'append' or 'replace', or another path");
                }
            }
            Staging staging = Staging.create(destination, request.runId());
            return new ParquetWrite(options, ifExists(request), request.runId(), pattern, names, duckdb, staging, lock,
                    request.schema(), context.allocator());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Takes DuckDB relations into parquet files, one file per relation as one per stream: of files
     * ({@code duckdb}) on its own DuckDB, of a database ({@code duckdb@<file>}) on that database's
     * instance, which the relation hands over ({@link dev.hygge.spi.EngineRelation#session()}); not when
     * {@code rows_per_file} cuts files on batch boundaries, nor for CSV with a list, struct or map
     * column (the Arrow path writes it as its JSON text, {@code to_json} over the Arrow import).
     */
    @Override
    public Optional<String> whyNoRelation(String engine, WriteRequest request) {
        return whyNoRelation(options, engine, request);
    }

    /**
     * As {@link #whyNoRelation(String, WriteRequest)}, but with {@code rows_per_file} when {@code home}'s
     * relations are cut by rows ({@link SupportsEngineRelation#slicesByRows}: parquet files read whole,
     * without a watermark's filter): each file is then one {@code COPY} of its rows.
     */
    @Override
    public Optional<String> whyNoRelation(SupportsEngineRelation home, WriteRequest request) {
        return whyNoRelation(options, home, request);
    }

    /** Why a parquet Store of {@code options} takes no relations of {@code engine} for {@code request}; also the cloud Store's. */
    static Optional<String> whyNoRelation(ParquetStoreOptions options, String engine, WriteRequest request) {
        Optional<String> refused = whyNoRelationPerFile(options, engine, request);
        if (refused.isPresent() || options.rowsPerFile <= 0) {
            return refused;
        }
        return Optional.of("rows_per_file cuts files on the Arrow batches where the Home cannot say which rows each"
                + " file holds before reading them");
    }

    /** Why a parquet Store of {@code options} takes no relations of {@code home} for {@code request}; also the cloud Store's. */
    static Optional<String> whyNoRelation(ParquetStoreOptions options, SupportsEngineRelation home, WriteRequest request) {
        boolean cut = options.partitionBy.isEmpty() && !request.incremental() && home.slicesByRows();
        return cut ? whyNoRelationPerFile(options, home.engine(), request) : whyNoRelation(options, home.engine(), request);
    }

    /** {@link #whyNoRelation(String, WriteRequest)} without the {@code rows_per_file} reason. */
    private static Optional<String> whyNoRelationPerFile(ParquetStoreOptions options, String engine, WriteRequest request) {
        if (!ParquetRelation.ENGINE.equals(engine) && !engine.startsWith(ParquetRelation.ENGINE + "@")) {
            return Optional.of("it writes with duckdb, the Home reads with " + engine);
        }
        if (options.format == FileFormat.CSV && request.schema().getFields().stream().anyMatch(f -> f.getType().isComplex())) {
            return Optional.of("csv files hold list, struct and map columns as JSON text, written from Arrow batches");
        }
        return Optional.empty();
    }

    /** Tracks a watermark wherever it takes the relations ({@link RelationCopy}: an aggregate beside the COPY). */
    @Override
    public Optional<String> whyNoWatermark(String engine, WriteRequest request) {
        return whyNoRelation(engine, request);
    }

    /**
     * What {@code if_exists} does for {@code request}: as configured, except that an incremental
     * run's files are added to the old ones ({@code replace} acts as {@code append}): its rows are
     * what changed since the last watermark.
     */
    IfExists ifExists(WriteRequest request) {
        return request.incremental() && options.ifExists == IfExists.REPLACE ? IfExists.APPEND : options.ifExists;
    }

    /**
     * The value committed under {@code key} with the files of {@code flow}/{@code entity}'s
     * destination ({@link StateFile}), after completing a commit a dead run left there (waiting
     * for a live one to finish its renames); empty when the folder holds none of the name's files,
     * whatever its state file says, since state about files that are gone would skip rows.
     */
    @Override
    public Optional<String> committedState(String flow, Optional<String> entity, String key) {
        Path destination = folder(entity);
        if (!Files.isDirectory(destination)) {
            return Optional.empty();
        }
        if (Files.isDirectory(destination.resolve(Staging.ROOT))) {
            CommitRepair.repair(destination, "Store " + describe() + " reading the state kept with the files");
        }
        String name = entity.orElse(flow);
        Map<String, String> names = Map.of("name", name, "flow", flow, "entity", entity.orElse(""));
        if (DestinationFiles.owned(destination, pattern, names, options.partitionBy).isEmpty()) {
            return Optional.empty();
        }
        return StateFile.value(destination, name, key);
    }

    private Path folder(Optional<String> entity) {
        try {
            return DestinationFiles.folder(options.path, entity);
        } catch (IllegalArgumentException e) {
            throw new StoreException("Store " + describe() + ": " + e.getMessage() + "; an entity must be one folder name"
                    + " inside " + options.path);
        }
    }

    /** The visible parquet files below {@code folder} (staging and other {@code _}/{@code .} names skipped). */
    static List<Path> dataFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> {
                        for (Path part : folder.relativize(f)) {
                            if (part.toString().startsWith("_") || part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .forEach(files::add);
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("Cannot list parquet destination " + folder + ": " + e, e);
        }
    }

    /** The Store's own DuckDB, started by the first write that needs it ({@link DuckDb#lazy}). */
    DuckDb duckdb() {
        return duckdb;
    }

    @Override
    public void close() {
        duckdb.close();
    }
}
