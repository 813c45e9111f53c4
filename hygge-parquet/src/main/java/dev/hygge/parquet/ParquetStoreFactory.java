package dev.hygge.parquet;

import dev.hygge.ConfigException;
import dev.hygge.spi.Destination;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreFactory;
import dev.hygge.spi.SupportsEntities;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Creates parquet Stores ({@code type: parquet}); found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * hygge.flow("orders").from(...).to("parquet", Map.of("path", "lake/orders", "compression", "zstd")).run();
 * }</pre>
 */
public final class ParquetStoreFactory implements StoreFactory<ParquetStoreOptions>, SupportsEntities {
    static final List<String> COMPRESSIONS = List.of("snappy", "zstd", "gzip", "lz4", "brotli", "none");
    static final List<String> IF_EXISTS = List.of("append", "replace", "fail");
    /** DuckDB memory for writing: row groups being encoded, per stream. */
    static final String WRITE_MEMORY_LIMIT = "1GB";

    @Override
    public String type() {
        return "parquet";
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

    @Override
    public Store create(ParquetStoreOptions options, HyggeContext context) {
        if (options.path == null || options.path.isBlank()) {
            throw new ConfigException("Store 'parquet': option 'path' is required (the destination folder)");
        }
        String where = "Store 'parquet' " + options.path;
        options.compression = options.compression == null ? "snappy" : options.compression.toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(options.compression)) {
            throw new ConfigException(where + ": compression '" + options.compression + "' is not one of " + COMPRESSIONS);
        }
        options.ifExists = options.ifExists == null ? "append" : options.ifExists.toLowerCase(Locale.ROOT);
        if (!IF_EXISTS.contains(options.ifExists)) {
            throw new ConfigException(where + ": if_exists '" + options.ifExists + "' is not one of " + IF_EXISTS);
        }
        if (options.rowsPerFile < 0) {
            throw new ConfigException(where + ": rows_per_file must be 0 (no limit) or more, not " + options.rowsPerFile);
        }
        if (options.rowGroupSize < 1) {
            throw new ConfigException(where + ": row_group_size must be at least 1, not " + options.rowGroupSize);
        }
        if (options.partitionBy == null) {
            options.partitionBy = List.of();
        }
        FilePattern pattern = FilePattern.parse(options.filePattern);
        return new ParquetStore(options, pattern, DuckDb.open(ParquetHomeFactory.THREADS, WRITE_MEMORY_LIMIT),
                context);
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
        Path folder;
        try {
            folder = DestinationFiles.folder(options.path, entity);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Store 'parquet' " + options.path + " of flow '" + flow + "': " + e.getMessage()
                    + "; an entity must be one folder name inside " + options.path);
        }
        boolean append = options.ifExists == null || options.ifExists.toLowerCase(Locale.ROOT).equals("append");
        return Optional.of(new Destination("parquet " + folder.toAbsolutePath().normalize(), entity.isEmpty() ? options.path : folder.toString(), append));
    }
}
