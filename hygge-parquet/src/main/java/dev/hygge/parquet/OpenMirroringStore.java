package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.IfExists;
import dev.hygge.polish.Polish;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.WriteRequest;
import dev.hygge.storage.ObjectStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric Open Mirroring Store: each flow's rows land as parquet files in its table's folder of a
 * mirrored database's landing zone ({@code <mirror>/Files/LandingZone/[<schema>.schema/]<table>/}), with
 * {@code __rowMarker__} as the last column, the table's {@code _metadata.json} (keyColumns) before its
 * first file, and {@code _partnerEvents.json} at the landing zone's root. A full load drops and recreates
 * the table (its folder deleted, a wait, then the new files); an incremental run adds files that continue
 * the sequence.
 *
 * <pre>{@code
 * hygge.flow("crm").entity("orders").from(...)
 *      .to("open_mirroring", Map.of("path", "lake", "mirror_name", "crm", "key_columns", List.of("id")))
 *      .run();          // lake/crm/Files/LandingZone/orders/00000000000000000001.parquet
 * }</pre>
 *
 * <p>Each write encodes its files with the local parquet Store into a spool folder, then stages them
 * outside the landing zone and publishes them by {@link OpenMirroringCommit}: a file gets its landing-zone
 * name only when it is complete and committed. One writer per table (the lease of its commit).
 */
final class OpenMirroringStore implements Store, SupportsState {
    private static final Logger LOG = LoggerFactory.getLogger(OpenMirroringStore.class);
    private final OpenMirroringStoreOptions options;
    private final DuckDb duckdb;
    private final HyggeContext context;
    private final OpenMirroringCommit.Sleeper sleeper;
    private final ObjectStore files;

    OpenMirroringStore(OpenMirroringStoreOptions options, DuckDb duckdb, HyggeContext context, OpenMirroringCommit.Sleeper sleeper) {
        this.options = requireNonNull(options, "options is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.context = requireNonNull(context, "context is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.files = ObjectStores.open(OpenMirroringStoreFactory.files(options),
                ObjectStores.settings(OpenMirroringStoreFactory.settings(options), context));
    }

    @Override
    public String describe() {
        return "open_mirroring " + files.describe();
    }

    @Override
    public int maxStreams() {
        return ParquetStore.MAX_STREAMS;
    }

    /** The table of a write: the entity, else {@code table}, else the flow; in {@code schema_name} when given. */
    OpenMirroringTable table(String flow, Optional<String> entity) {
        String name = entity.orElse(options.table != null && !options.table.isBlank() ? options.table : flow);
        return OpenMirroringTable.of(Optional.ofNullable(options.schemaName).filter(s -> !s.isBlank()), name, describe());
    }

    @Override
    public StoreWrite begin(WriteRequest request) {
        OpenMirroringTable table = table(request.flow(), request.entity());
        String where = describe() + " table " + table.label();
        OpenMirroringRows.RowMarker marker = marker(request.schema(), where);
        if (request.incremental() && marker.constant().orElse(4) == 0) {
            LOG.warn("{} - an incremental run with row_marker 0 (insert): a row whose key the table holds already is inserted"
                    + " again; row_marker 4 (upsert, the default) updates it", where);
        }
        Schema schema = OpenMirroringRows.schema(request.schema(), marker, where);
        checkKeys(schema, where);
        OpenMirroringCommit commit = OpenMirroringCommit.begin(files, table, request.runId(), request.holder(), request.lockWait(),
                sleeper);
        Path spool = null;
        try {
            if (request.incremental()) {
                existingKeys(table).filter(keys -> !new HashSet<>(keys).equals(new HashSet<>(options.keyColumns)))
                        .ifPresent(keys -> {
                            throw new StoreException("Store " + where + ": its _metadata.json has keyColumns " + keys + " and key_columns"
                                    + " says " + options.keyColumns + "; Open Mirroring cannot change a table's keys: give key_columns "
                                    + keys + ", or run a full load (run_type: full_drop) to recreate the table");
                        });
            }
            spool = Files.createTempDirectory("hygge-mirror-");
            ParquetStore local = new ParquetStore(spoolOptions(spool), FilePattern.parse(SPOOL_PATTERN), duckdb, context);
            StoreWrite write = local.begin(new WriteRequest(request.flow(), Optional.empty(), schema, request.streams(), List.of(),
                    request.runId(), request.lockWait(), false));
            return new OpenMirroringWrite(options, files, table, commit, write, spool, marker, request.incremental(), where,
                    request.runId(), context.allocator());
        } catch (IOException e) {
            commit.close();
            CloudSpool.remove(spool);
            throw new UncheckedIOException("could not create a local spool folder for " + where, e);
        } catch (RuntimeException e) {
            commit.close();
            CloudSpool.remove(spool);
            throw e;
        }
    }

    private static final String SPOOL_PATTERN = "part_{sequence:020d}.parquet";

    private ParquetStoreOptions spoolOptions(Path spool) {
        ParquetStoreOptions own = new ParquetStoreOptions();
        own.path = spool.toString();
        own.filePattern = SPOOL_PATTERN;
        own.compression = options.compression;
        own.rowsPerFile = options.rowsPerFile;
        own.rowGroupSize = options.rowGroupSize;
        own.ifExists = IfExists.APPEND;
        return own;
    }

    /**
     * The marker as configured; with none, the rows' own {@code __rowMarker__} where they carry one (polish
     * {@code add_row_marker}), else upsert.
     */
    private OpenMirroringRows.RowMarker marker(Schema schema, String where) {
        boolean carried = schema.getFields().stream().anyMatch(f -> f.getName().equals(Polish.ROW_MARKER));
        if (options.rowMarker == null || options.rowMarker.isBlank()) {
            return carried ? OpenMirroringRows.RowMarker.parse(Polish.ROW_MARKER) : OpenMirroringRows.RowMarker.UPSERT;
        }
        OpenMirroringRows.RowMarker marker = OpenMirroringRows.RowMarker.parse(options.rowMarker);
        if (carried && marker.constant().isPresent()) {
            throw new StoreException("Store " + where + ": the rows carry a " + Polish.ROW_MARKER + " column already (from polish"
                    + " add_row_marker or the Home) and row_marker is " + options.rowMarker + "; keep one of them");
        }
        return marker;
    }

    private void checkKeys(Schema schema, String where) {
        List<String> columns = schema.getFields().stream().map(Field::getName).filter(n -> !n.equals(Polish.ROW_MARKER)).toList();
        for (String key : options.keyColumns) {
            if (!columns.contains(key)) {
                throw new StoreException("Store " + where + ": key_columns names '" + key + "', which is not a column of the rows"
                        + " (columns: " + String.join(", ", columns) + "); fix key_columns; nothing was written");
            }
        }
    }

    private Optional<List<String>> existingKeys(OpenMirroringTable table) {
        String key = table.landing() + OpenMirroringTable.METADATA;
        if (files.stat(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OpenMirroringFiles.keyColumns(bytes(key), files.describe() + "/" + key));
    }

    /**
     * The value committed under {@code key} with the table's files: from the state file in hygge's folder for the
     * table, or from a commit a stopped run decided and the next write completes; empty when the table's folder holds
     * no data file and no commit is pending (state about files that are gone would skip rows).
     */
    @Override
    public Optional<String> committedState(String flow, Optional<String> entity, String key) {
        OpenMirroringTable table = table(flow, entity);
        String stateKey = table.own() + OpenMirroringFiles.STATE;
        boolean pending = false;
        for (ObjectInfo o : files.list(table.own())) {
            if (!o.name().equals(OpenMirroringCommit.JOURNAL)) {
                continue;
            }
            pending = true;
            for (OpenMirroringJournal.Move m : OpenMirroringJournal.decode(bytes(o.key()), files.describe() + "/" + o.key()).moves()) {
                if (m.target().equals(stateKey) && files.stat(m.staged()).isPresent()) {
                    return Optional.ofNullable(OpenMirroringFiles.state(bytes(m.staged()), files.describe() + "/" + m.staged()).get(key));
                }
            }
        }
        if ((!pending && !OpenMirroringFiles.anyData(files.list(table.landing()))) || files.stat(stateKey).isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(OpenMirroringFiles.state(bytes(stateKey), files.describe() + "/" + stateKey).get(key));
    }

    private byte[] bytes(String key) {
        try (InputStream in = files.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + files.describe() + "/" + key, e);
        }
    }

    @Override
    public void close() {
        try {
            files.close();
        } finally {
            duckdb.close();
        }
    }
}
