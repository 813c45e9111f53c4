package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.WriteRequest;
import dev.hygge.storage.ObjectCommit;
import dev.hygge.storage.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parquet Store at a cloud location ({@code s3://…}, {@code abfss://…}, a Blob or OneLake URL):
 * each write runs the local {@link ParquetStore} into a spool folder on local disk, then hands its
 * finished files to the location's {@link ObjectStore} through the {@link ObjectCommit} protocol
 * ({@code docs/object-stores.md}): each file staged under {@code _hygge_staging/<run>/} as soon as the
 * local write has finished it, while the next is written (partitioned writes: at the commit), committed
 * by a journal, published by rename or copy; one writer per destination by the store's lease.
 *
 * <pre>{@code
 * store: {type: parquet, path: "s3://lake/sales", storage: {region: eu-west-1}}
 * }</pre>
 *
 * <p>The spool mirrors what the local Store's rules need of the remote folder: an empty placeholder
 * per remote data file (so sequences continue, {@code replace} knows what it replaces and
 * {@code fail} what is there) and the remote state file; only the files the local write made, and
 * the state it changed, go up. The spool's disk is bounded ({@link CloudParquetWrite}): each file is
 * emptied once staged, and the encoder waits while {@link CloudParquetWrite#UPLOADS} finished files
 * are in flight; the spool is removed after the write.
 *
 * <p>It takes DuckDB relations as the local Store does ({@link SupportsEngineWrite}): the spool's
 * files are then written by DuckDB's {@code COPY} and go up the same way, each as soon as it is whole.
 */
final class CloudParquetStore implements Store, SupportsState, SupportsEngineWrite {
    private final ParquetStoreOptions options;
    private final FilePattern pattern;
    private final DuckDb duckdb;
    private final HyggeContext context;
    private final ObjectStore store;

    CloudParquetStore(ParquetStoreOptions options, FilePattern pattern, DuckDb duckdb, HyggeContext context) {
        this.options = requireNonNull(options, "options is null");
        this.pattern = requireNonNull(pattern, "pattern is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.context = requireNonNull(context, "context is null");
        this.store = ObjectStores.open(options.path, ObjectStores.settings(options.storage, context));
    }

    @Override
    public String describe() {
        return "parquet " + store.describe();
    }

    @Override
    public int maxStreams() {
        return ParquetStore.MAX_STREAMS;
    }

    /** As the local parquet Store: the spool's files are its files. */
    @Override
    public Optional<String> whyNoRelation(String engine, WriteRequest request) {
        return ParquetStore.whyNoRelation(options, engine, request);
    }

    @Override
    public Optional<String> whyNoRelation(SupportsEngineRelation home, WriteRequest request) {
        return ParquetStore.whyNoRelation(options, home, request);
    }

    /** As the local parquet Store, whose write commits the state file that goes up with the files. */
    @Override
    public Optional<String> whyNoWatermark(String engine, WriteRequest request) {
        return ParquetStore.whyNoRelation(options, engine, request);
    }

    /** The destination's key prefix in the location: {@code ""} or {@code <entity>/}. */
    static String folder(Optional<String> entity, String where) {
        if (entity.isEmpty()) {
            return "";
        }
        String problem = DestinationFiles.problem(entity.get());
        if (problem != null) {
            throw new StoreException("Store " + where + ": entity '" + DestinationFiles.printable(entity.get()) + "' "
                    + problem + "; an entity must be one folder name inside the location");
        }
        return entity.get() + "/";
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        String dest = folder(request.entity(), describe());
        ObjectCommit commit = ObjectCommit.begin(store, dest, request.runId(), request.holder(), request.lockWait());
        Path spool = null;
        try {
            spool = Files.createTempDirectory("hygge-spool-");
            Path local = request.entity().map(spool::resolve).orElse(spool);
            CloudSpool mirror = CloudSpool.mirror(store, dest, local);
            ParquetStoreOptions own = copy(options, spool.toString());
            ParquetStore localStore = new ParquetStore(own, pattern, duckdb, context);
            if (localStore.ifExists(request) == dev.hygge.jdbc.IfExists.FAIL) {
                Map<String, String> names = Map.of("name", request.name(), "flow", request.flow(),
                        "entity", request.entity().orElse(""), "timestamp", "");
                List<String> owned = mirror.placeholders().stream()
                        .filter(p -> pattern.sequenceOf(p.substring(p.lastIndexOf('/') + 1), names).isPresent()).toList();
                if (!owned.isEmpty()) {
                    throw new StoreException("Parquet destination " + store.describe() + dest + " already holds "
                            + owned.size() + " parquet file(s) of " + request.name() + " (e.g. " + owned.get(0)
                            + ") and if_exists is 'fail': use if_exists 'append' or 'replace', or another path");
                }
            }
            StoreWrite localWrite = localStore.begin(request);
            CloudParquetWrite write = new CloudParquetWrite(localWrite, commit, mirror, spool, describe());
            if (localWrite instanceof ParquetWrite parquet) {
                parquet.onFileWritten(write::written);     // each finished file goes up while the next is written
            }
            return write;
        } catch (IOException e) {
            commit.close();
            CloudSpool.remove(spool);
            throw new UncheckedIOException("could not create a local spool folder for " + describe(), e);
        } catch (RuntimeException e) {
            commit.close();
            CloudSpool.remove(spool);
            throw e;
        }
    }

    private static ParquetStoreOptions copy(ParquetStoreOptions o, String path) {
        ParquetStoreOptions c = new ParquetStoreOptions();
        c.path = path;
        c.filePattern = o.filePattern;
        c.compression = o.compression;
        c.format = o.format;
        c.formatOptions = o.formatOptions;
        c.rowsPerFile = o.rowsPerFile;
        c.rowGroupSize = o.rowGroupSize;
        c.ifExists = o.ifExists;
        c.partitionBy = o.partitionBy;
        return c;
    }

    /**
     * The state committed with the files of the destination: read from its state file, downloaded,
     * when the destination holds files of the name; a commit a dead run left is honoured as hygge's
     * Home honours it ({@link ObjectCommit#visible}).
     */
    @Override
    public Optional<String> committedState(String flow, Optional<String> entity, String key) {
        String dest = folder(entity, describe());
        String name = entity.orElse(flow);
        Map<String, String> names = Map.of("name", name, "flow", flow, "entity", entity.orElse(""));
        List<ObjectInfo> visible = ObjectCommit.visible(store, dest);
        boolean owned = visible.stream().anyMatch(o -> pattern.sequenceOf(o.name(), names).isPresent());
        Optional<ObjectInfo> state = visible.stream().filter(o -> o.key().equals(dest + StateFile.NAME)).findFirst();
        if (!owned || state.isEmpty()) {
            return Optional.empty();
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory("hygge-state-");
            store.download(state.get().key(), temp.resolve(StateFile.NAME));
            return StateFile.value(temp, name, key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the state of " + describe(), e);
        } finally {
            CloudSpool.remove(temp);
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            duckdb.close();
        }
    }
}
