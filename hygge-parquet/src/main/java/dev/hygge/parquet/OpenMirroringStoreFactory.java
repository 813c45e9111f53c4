package dev.hygge.parquet;

import dev.hygge.polish.Polish;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Destination;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreFactory;
import dev.hygge.storage.ObjectStores;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates Fabric Open Mirroring Stores ({@code type: open_mirroring}, the original hygge's type and
 * keys); found through {@link java.util.ServiceLoader}. The location is served by whichever storage plugin
 * claims it (hygge-azure for OneLake), or is a local folder.
 *
 * <pre>{@code
 * store:
 *   type: open_mirroring
 *   account_url: https://onelake.dfs.fabric.microsoft.com
 *   filesystem: <workspace id>
 *   mirror_name: <mirrored database id>
 *   key_columns: [id]
 *   credential: service_principal
 *   tenant_id: ...
 *   client_id: ...
 *   client_secret: ${SP_SECRET}
 * }</pre>
 */
public final class OpenMirroringStoreFactory implements StoreFactory<OpenMirroringStoreOptions>, StoreFactory.KeepsState {
    private static final EnumSet<Compression> CODECS = EnumSet.of(Compression.SNAPPY, Compression.ZSTD, Compression.GZIP,
            Compression.NONE);

    private final OpenMirroringCommit.Sleeper sleeper;

    public OpenMirroringStoreFactory() {
        this(OpenMirroringCommit.Sleeper.REAL);
    }

    /** A factory whose full loads wait with {@code sleeper} (tests). */
    OpenMirroringStoreFactory(OpenMirroringCommit.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String type() {
        return "open_mirroring";
    }

    @Override
    public Class<OpenMirroringStoreOptions> optionsType() {
        return OpenMirroringStoreOptions.class;
    }

    /** The original hygge's {@code batch_size} (rows gathered before a file is written) is {@code rows_per_file}. */
    @Override
    public Map<String, String> originalKeys() {
        return Map.of("batch_size", "rows_per_file");
    }

    /** The original's journal mirroring into a table of the mirror has no counterpart: the run journal stays where {@code journal:} puts it. */
    @Override
    public Map<String, String> ignoredOriginalKeys() {
        String why = "(the original mirrored its run journal into a table of the mirror); the run journal is kept where the"
                + " project's journal: setting puts it";
        return Map.of("mirror_journal", why, "journal_table_name", why);
    }

    @Override
    public void validate(OpenMirroringStoreOptions o, OptionProblems problems) {
        boolean account = o.accountUrl != null && !o.accountUrl.isBlank();
        boolean path = o.path != null && !o.path.isBlank();
        if (account == path) {
            problems.add(account ? "path" : "account_url", account
                    ? "give account_url (with filesystem) or path, not both"
                    : "option 'account_url' is required (https://onelake.dfs.fabric.microsoft.com, with filesystem: the workspace),"
                            + " or path: a local folder or URL holding <mirror_name>/Files/");
        }
        if (account && (o.filesystem == null || o.filesystem.isBlank())) {
            problems.add("filesystem", "option 'filesystem' is required with account_url: the Fabric workspace (name or id)");
        }
        if (o.mirrorName == null || o.mirrorName.isBlank()) {
            problems.add("mirror_name", "option 'mirror_name' is required: the mirrored database (its name or id in the landing zone URL)");
        } else if (DestinationFiles.problem(o.mirrorName) != null) {
            problems.add("mirror_name", "mirror_name '" + DestinationFiles.printable(o.mirrorName) + "' "
                    + DestinationFiles.problem(o.mirrorName) + "; it must be one folder name");
        }
        for (Map.Entry<String, String> name : names(o).entrySet()) {
            String problem = OpenMirroringTable.problem(name.getValue());
            if (problem != null) {
                problems.add(name.getKey(), name.getKey() + " '" + DestinationFiles.printable(name.getValue()) + "' " + problem
                        + "; it must be one folder name inside the landing zone");
            }
        }
        if (o.keyColumns == null || o.keyColumns.isEmpty() || o.keyColumns.stream().anyMatch(k -> k == null || k.isBlank())) {
            problems.add("key_columns", "option 'key_columns' is required: the column(s) that identify a row, e.g. [id]"
                    + " (Open Mirroring's keyColumns; without them it cannot update or delete)");
        } else if (o.keyColumns.contains(Polish.ROW_MARKER)) {
            problems.add("key_columns", "key_columns cannot name " + Polish.ROW_MARKER + ", the row marker column");
        }
        OpenMirroringRows.RowMarker marker = OpenMirroringRows.RowMarker.parse(o.rowMarker);
        if (marker.constant().isPresent() && !Polish.ROW_MARKERS.contains(marker.constant().getAsInt())) {
            problems.add("row_marker", "row_marker " + o.rowMarker + " is not one Open Mirroring knows; use 0 (insert), 1 (update),"
                    + " 2 (delete), 4 (upsert), or the name of a column holding them");
        }
        if (OpenMirroringFiles.Detection.named(o.fileDetection).isEmpty()) {
            problems.add("file_detection", "file_detection must be sequential or timestamp, not '" + o.fileDetection + "'");
        }
        if (o.startingSequence < 1) {
            problems.add("starting_sequence", "starting_sequence must be at least 1, not " + o.startingSequence);
        }
        if (!(o.folderDeletionWaitSeconds >= 0 && o.folderDeletionWaitSeconds <= 900)) {
            problems.add("folder_deletion_wait_seconds", "folder_deletion_wait_seconds must be 0 to 900, not "
                    + o.folderDeletionWaitSeconds);
        }
        if (o.compression == null || !CODECS.contains(o.compression)) {
            problems.add("compression", "compression must be snappy, zstd, gzip or none (the codecs Open Mirroring reads), not "
                    + (o.compression == null ? "empty" : o.compression.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (o.rowsPerFile < 0) {
            problems.add("rows_per_file", "rows_per_file must be 0 (no limit) or more, not " + o.rowsPerFile);
        }
        if (o.rowGroupSize < 1) {
            problems.add("row_group_size", "row_group_size must be at least 1, not " + o.rowGroupSize);
        }
        if (account != path && o.mirrorName != null && !o.mirrorName.isBlank() && (!account || o.filesystem != null)) {
            ObjectStores.validate(files(o), settings(o), problems, account ? "account_url" : "path", "");
        }
    }

    private static Map<String, String> names(OpenMirroringStoreOptions o) {
        Map<String, String> names = new LinkedHashMap<>();
        if (o.schemaName != null && !o.schemaName.isBlank()) {
            names.put("schema_name", o.schemaName);
        }
        if (o.table != null && !o.table.isBlank()) {
            names.put("table", o.table);
        }
        return names;
    }

    /** The mirror's {@code Files/} folder: {@code <account_url>/<filesystem>/<mirror_name>/Files} or {@code <path>/<mirror_name>/Files}. */
    static String files(OpenMirroringStoreOptions o) {
        String base = o.accountUrl != null && !o.accountUrl.isBlank()
                ? o.accountUrl.replaceAll("/+$", "") + "/" + o.filesystem.replaceAll("^/+|/+$", "")
                : o.path.replaceAll("(?<=.)/+$", "");
        return base + "/" + o.mirrorName + "/Files";
    }

    /** The location's settings: {@code storage:} with the original's credential keys given beside it. */
    static Map<String, String> settings(OpenMirroringStoreOptions o) {
        Map<String, String> s = new LinkedHashMap<>(o.storage == null ? Map.of() : o.storage);
        put(s, "credential", o.credential);
        put(s, "tenant_id", o.tenantId);
        put(s, "client_id", o.clientId);
        put(s, "client_secret", o.clientSecret);
        put(s, "storage_account_key", o.storageAccountKey);
        put(s, "sas_token", o.sasToken);
        return s;
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** Options are checked by {@link #validate} first (a project and a flow given a type name do that). */
    @Override
    public Store create(OpenMirroringStoreOptions options, HyggeContext context) {
        return new OpenMirroringStore(options, DuckDb.open(ParquetHomeFactory.THREADS, ParquetStoreFactory.WRITE_MEMORY_LIMIT), context,
                sleeper);
    }

    /**
     * The table a flow writes: {@code "open_mirroring <Files folder>/LandingZone/[<schema>.schema/]<table>/"}; never shared
     * (a full load drops the table).
     *
     * @throws ConfigException when the table or schema is not one plain folder name
     */
    @Override
    public Optional<Destination> destination(OpenMirroringStoreOptions options, String flow, Optional<String> entity) {
        if (options.mirrorName == null || (options.path == null && (options.accountUrl == null || options.filesystem == null))) {
            return Optional.empty();
        }
        String name = entity.orElse(options.table != null && !options.table.isBlank() ? options.table : flow);
        OpenMirroringTable table;
        try {
            table = OpenMirroringTable.of(Optional.ofNullable(options.schemaName).filter(s -> !s.isBlank()), name,
                    "'open_mirroring' of flow '" + flow + "'");
        } catch (StoreException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        String files = files(options);
        String key = ObjectStores.isLocal(files) ? java.nio.file.Path.of(files).toAbsolutePath().normalize().toString() : files;
        return Optional.of(new Destination("open_mirroring " + key + "/" + table.landing(), files + "/" + table.landing(), false));
    }
}
