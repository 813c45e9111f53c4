package dev.hygge.parquet;

import dev.hygge.storage.ObjectStores;

import dev.hygge.spi.ConfigException;
import dev.hygge.jdbc.IfExists;
import dev.hygge.spi.Destination;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.SupportsEntities;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Creates parquet Stores ({@code type: parquet}); found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * hygge.flow("orders").from(...).to("parquet", Map.of("path", "lake/orders", "compression", "zstd")).run();
 * }</pre>
 */
public class ParquetStoreFactory implements StoreFactory<ParquetStoreOptions>, SupportsEntities,
        StoreFactory.KeepsState, StoreFactory.TakesRelations {
    /** DuckDB memory for writing: row groups being encoded, per stream. */
    static final String WRITE_MEMORY_LIMIT = "1GB";

    private final String type;

    public ParquetStoreFactory() {
        this("parquet");
    }

    /** A factory of the same Store under another type name ({@link LocalStoreFactory}). */
    ParquetStoreFactory(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public Class<ParquetStoreOptions> optionsType() {
        return ParquetStoreOptions.class;
    }

    /** The Store writes {@code path/<entity>/} itself: a trailing {@code /{entity}} is dropped, see {@link ParquetEntities}. */
    @Override
    public Map<String, Object> forEntity(Map<String, Object> options, String entity) {
        return ParquetEntities.store(options, entity);
    }

    /**
     * Checks what {@link #create} and the write rely on: a path, {@code if_exists} of append, replace
     * or fail, the sizes, and a {@code file_pattern} that {@link FilePattern#parse} accepts.
     */
    @Override
    public void validate(ParquetStoreOptions options, OptionProblems problems) {
        if (options.path == null || options.path.isBlank()) {
            problems.add("path", "option 'path' is required (the destination folder)");
        }
        if (options.format == null) {
            problems.add("format", "format must be one of " + FileFormat.names());
        } else if (options.format != FileFormat.PARQUET) {
            TextFormats.validateWrite(options, problems);
        } else {
            TextFormats.parquetFormatOptions(options.formatOptions, true, problems);
            TextFormats.storeCompression(options, problems);
        }
        if (options.ifExists == null || options.ifExists == IfExists.TRUNCATE) {
            problems.add("if_exists", "if_exists must be append, replace or fail for a parquet Store, not "
                    + (options.ifExists == null ? "empty" : "truncate (that is for tables)"));
        }
        if (options.rowsPerFile < 0) {
            problems.add("rows_per_file", "rows_per_file must be 0 (no limit) or more, not " + options.rowsPerFile);
        }
        if (options.rowGroupSize < 1) {
            problems.add("row_group_size", "row_group_size must be at least 1, not " + options.rowGroupSize);
        }
        if (options.partitionBy == null || options.partitionBy.stream().anyMatch(c -> c == null || c.isBlank())) {
            problems.add("partition_by", "partition_by must be a list of column names, e.g. [region]");
        }
        try {
            FilePattern.parse(options.filePattern());
        } catch (ConfigException e) {
            problems.add("file_pattern", e.getMessage());
        }
        if (options.path != null && !options.path.isBlank()) {
            ObjectStores.validate(options.path, options.storage == null ? java.util.Map.of() : options.storage,
                    problems, "path", "storage");
        }
    }

    /** Options are checked by {@link #validate} first (a project and a flow given a type name do that). */
    @Override
    public Store create(ParquetStoreOptions options, HyggeContext context) {
        if (!ObjectStores.isLocal(options.path)) {
            return new CloudParquetStore(options, FilePattern.parse(options.filePattern()),
                    DuckDb.open(ParquetHomeFactory.THREADS, WRITE_MEMORY_LIMIT), context);
        }
        // started at the first Arrow stream: a relation of a DuckDB table is copied on the Home's database
        return new ParquetStore(options, FilePattern.parse(options.filePattern()),
                DuckDb.lazy(ParquetHomeFactory.THREADS, WRITE_MEMORY_LIMIT), context);
    }

    /**
     * The folder a flow writes: {@code path}, or {@code path/<entity>}; the key is {@code "parquet "}
     * and the absolute, normalized folder, so {@code lake/./sales} and {@code /abs/lake/sales} are one
     * destination. Only {@code append} writes may share one (the destination's lock serialises them).
     *
     * @throws ConfigException when {@code path} is missing or the entity is not one plain folder name
     */
    @Override
    public Optional<Destination> destination(ParquetStoreOptions options, String flow, Optional<String> entity) {
        if (options.path == null || options.path.isBlank()) {
            throw new ConfigException("Store 'parquet': option 'path' is required (the destination folder)");
        }
        boolean append = options.ifExists == null || options.ifExists == IfExists.APPEND;
        if (!ObjectStores.isLocal(options.path)) {
            String url = options.path.replaceAll("/+$", "") + "/" + CloudParquetStore.folder(entity, "'parquet' " + options.path);
            return Optional.of(new Destination("parquet " + url, url, append));
        }
        Path folder;
        try {
            folder = DestinationFiles.folder(options.path, entity);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Store 'parquet' " + options.path + " of flow '" + flow + "': " + e.getMessage()
                    + "; an entity must be one folder name inside " + options.path);
        }
        return Optional.of(new Destination("parquet " + folder.toAbsolutePath().normalize(), entity.isEmpty() ? options.path : folder.toString(), append));
    }

    /** The original hygge's {@code batch_size} (rows gathered before a file is written) is {@code rows_per_file}. */
    @Override
    public final java.util.Map<String, String> originalKeys() {
        return java.util.Map.of("batch_size", "rows_per_file");
    }
}
