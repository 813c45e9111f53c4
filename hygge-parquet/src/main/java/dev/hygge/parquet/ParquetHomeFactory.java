package dev.hygge.parquet;

import dev.hygge.storage.ObjectStores;

import dev.hygge.spi.Home;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.MemoryLimit;
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
public class ParquetHomeFactory implements HomeFactory<ParquetHomeOptions>, SupportsEntities,
        HomeFactory.ReadsIncrementally {
    /**
     * One DuckDB thread per database: the engine's streams are the parallelism (measured on the
     * benchmark: 1 thread for reading and 1 for writing with 2 streams beat every mix with more).
     */
    static final int THREADS = 1;
    /** The floor of the default {@code memory_limit}: the fixed limit every read had before it was an option. */
    static final long READ_MEMORY_FLOOR_BYTES = 1L << 30;
    /** What an unset {@code memory_limit} means, as a message says it. */
    private static final String READ_MEMORY_UNSET = "a quarter of the memory, at least 1GB";

    private final String type;

    public ParquetHomeFactory() {
        this("parquet");
    }

    /** A factory of the same Home under another type name ({@link LocalHomeFactory}). */
    ParquetHomeFactory(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
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
        MemoryLimit.validate(options.memoryLimit, problems, READ_MEMORY_UNSET);
        if (options.columns == null || options.columns.stream().anyMatch(c -> c == null || c.isBlank())) {
            problems.add("columns", "columns must be a list of column names, e.g. [id, amount], or left out to read them all");
        } else if (options.columns.stream().distinct().count() != options.columns.size()) {
            problems.add("columns", "columns " + options.columns + " names a column twice; name each once");
        }
        if (options.path != null && !options.path.isBlank()) {
            ObjectStores.validate(options.path, options.storage == null ? Map.of() : options.storage,
                    problems, "path", "storage");
        }
        FileFormat format = format(options);
        if (format != FileFormat.PARQUET && options.path != null && !ObjectStores.isLocal(options.path)
                && options.onBadRow != OnBadRow.FAIL && (options.rejectsPath == null || !ObjectStores.isLocal(options.rejectsPath))) {
            problems.add("rejects_path", "a " + format.label() + " Home at a cloud path that skips bad rows writes their"
                    + " rejects to local disk: set rejects_path to a local folder (e.g. rejects/" + format.label() + ")");
        }
        if (format != FileFormat.PARQUET) {
            TextFormats.validateRead(options, format, problems);
        } else {
            TextFormats.parquetFormatOptions(options.formatOptions, false, problems);
        }
        if (format == FileFormat.PARQUET && options.onBadRow != OnBadRow.FAIL) {
            problems.add("on_bad_row", "on_bad_row is for CSV files; parquet files have no bad rows to skip (set format: csv"
                    + " if " + options.path + " holds CSV)");
        }
    }

    /** The embedded database a Home of {@code options} reads with: {@link #THREADS} threads, {@link #readMemoryLimit}. */
    static DuckDb openDuckDb(ParquetHomeOptions options) {
        return DuckDb.open(THREADS, MemoryLimit.setting(readMemoryLimit(options.memoryLimit)));
    }

    /**
     * The bytes a Home's DuckDB may use to read ({@link MemoryLimit}); unset, a quarter of the
     * machine's memory (the container's limit where there is one), never less than 1 GB: DuckDB's own
     * default, 80 %, assumes it has the machine to itself, while a flow's Home shares it with the
     * Store's engine, the JVM's heap and the other flows of a run.
     */
    static long readMemoryLimit(String value) {
        return MemoryLimit.bytesOr(value, Math.max(READ_MEMORY_FLOOR_BYTES, MemoryLimit.physicalBytes() / 4), READ_MEMORY_UNSET);
    }

    /** The format read: {@code format}, else the path's extension's, else parquet. */
    static FileFormat format(ParquetHomeOptions options) {
        if (options.format != null) {
            return options.format;
        }
        return options.path == null ? FileFormat.PARQUET : FileFormat.ofPath(options.path).orElse(FileFormat.PARQUET);
    }

    /** Options are checked by {@link #validate} first (a project and a flow given a type name do that). */
    @Override
    public Home create(ParquetHomeOptions options, HyggeContext context) {
        FileFormat format = format(options);
        if (format == FileFormat.PARQUET && ObjectStores.isLocal(options.path)) {
            // the embedded database opened, the files listed and the first one's columns read while the Store opens
            return ParquetHome.planned(options, () -> openDuckDb(options),
                    context == null ? TextHome.LOGGED : context::warn);
        }
        DuckDb duckdb = openDuckDb(options);
        if (!ObjectStores.isLocal(options.path)) {
            return new CloudParquetHome(options, format, duckdb, context);
        }
        return new TextHome(options, format, duckdb, context == null ? TextHome.LOGGED : context::warn);
    }
}
