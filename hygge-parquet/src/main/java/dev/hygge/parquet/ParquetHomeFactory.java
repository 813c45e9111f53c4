package dev.hygge.parquet;

import dev.hygge.storage.ObjectStores;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.SupportsEntities;
import java.util.Map;

/**
 * Creates parquet Homes ({@code type: parquet}); found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * hygge.flow("orders").from("parquet", Map.of("path", "landing/orders/*.parquet")).to(...).run();
 * }</pre>
 */
public final class ParquetHomeFactory implements HomeFactory<ParquetHomeOptions>, SupportsEntities,
        HomeFactory.ReadsIncrementally {
    /**
     * One DuckDB thread per database: the engine's streams are the parallelism (measured on the
     * benchmark: 1 thread for reading and 1 for writing with 2 streams beat every mix with more).
     */
    static final int THREADS = 1;
    /** DuckDB memory for reading: enough for a few row groups per stream, never the whole table. */
    static final String READ_MEMORY_LIMIT = "1GB";

    @Override
    public String type() {
        return "parquet";
    }

    @Override
    public Class<ParquetHomeOptions> optionsType() {
        return ParquetHomeOptions.class;
    }

    /** {@code path/<entity>/} through the entity option, or the escaped name in the path: see {@link ParquetEntities}. */
    @Override
    public Map<String, Object> forEntity(Map<String, Object> options, String entity) {
        return ParquetEntities.home(options, entity);
    }

    @Override
    public void validate(ParquetHomeOptions options, OptionProblems problems) {
        if (options.path == null || options.path.isBlank()) {
            problems.add("path", "option 'path' is required (a file, a directory or a glob)");
        }
        if (options.batchSize < 1) {
            problems.add("batch_size", "batch_size must be at least 1, not " + options.batchSize);
        }
        if (options.splitRows < 1) {
            problems.add("split_rows", "split_rows must be at least 1, not " + options.splitRows);
        }
        if (options.columns == null || options.columns.stream().anyMatch(c -> c == null || c.isBlank())) {
            problems.add("columns", "columns must be a list of column names, e.g. [id, amount], or left out to read them all");
        } else if (options.columns.stream().distinct().count() != options.columns.size()) {
            problems.add("columns", "columns " + options.columns + " names a column twice; name each once");
        }
        if (options.path != null && !options.path.isBlank()) {
            ObjectStores.validate(options.path, options.storage == null ? Map.of() : options.storage,
                    problems, "path", "storage");
        }
    }

    /** Options are checked by {@link #validate} first (a project and a flow given a type name do that). */
    @Override
    public Home create(ParquetHomeOptions options, HyggeContext context) {
        if (!ObjectStores.isLocal(options.path)) {
            return new CloudParquetHome(options, DuckDb.open(THREADS, READ_MEMORY_LIMIT), context);
        }
        return new ParquetHome(options, DuckDb.open(THREADS, READ_MEMORY_LIMIT));
    }
}
