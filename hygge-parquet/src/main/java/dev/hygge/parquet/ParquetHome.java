package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Home;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.WatermarkFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads parquet files as Arrow batches: a file, a directory, a glob or an entity folder, with
 * hive-style {@code key=value} folders as columns. Files are read by embedded DuckDB's parquet
 * reader (every codec, INT96, both page versions) and streamed out through the Arrow C stream
 * interface, one DuckDB connection per split.
 *
 * <pre>{@code
 * hygge.flow("orders").from("parquet", Map.of("path", "landing/orders", "columns", List.of("id", "amount")))
 * }</pre>
 *
 * <p>Splits are files; a file with several row groups is split into ranges of whole row groups
 * of about {@code split_rows} rows, so one big file feeds several streams.
 *
 * <p>Incremental reads ({@link SupportsIncremental}) filter inside the scan,
 * {@code read_parquet(...) WHERE "col" > ?} with the watermark bound ({@link ParquetWatermark}),
 * which DuckDB prunes row groups by; before that, hygge leaves out the splits whose row groups'
 * statistics say no row is greater, the files of hive folders whose value is not, and so files
 * with nothing new.
 */
final class ParquetHome implements Home, SupportsIncremental, SupportsEngineRelation {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetHome.class);

    private final String path;
    private final ParquetHomeOptions options;
    /** Null until the thread of {@link #planned} opens it; read by other threads only after {@link Ahead#await()}. */
    private DuckDb duckdb;
    private List<Path> files;
    /** Hive partition columns and their types, found by {@link #splits()}. */
    private Map<String, String> hive = Map.of();
    /** The queries of the files, made once they are listed. */
    private ParquetScans scans;
    /** The incremental filter, or null for a full read. */
    private ParquetWatermark watermark;
    /** The columns read, found on first use. */
    private Columns columns;
    /** The listing and the first file's columns, read on a thread of their own ({@link #planned}); or null. */
    private Ahead ahead;
    /** Whether {@link CommitRepair#beforeReading} ran (by {@link #planned}). */
    private boolean repaired;
    /** Which files Arrow Dataset reads, DuckDB refusing them; warns through the flow once it is known ({@link #planned}). */
    private ReadFallback fallback;
    /** Each listed file's row groups, read by {@link #splits()}. */
    private Map<Path, RowGroups.File> footers = Map.of();
    /** The files the splits read (those the watermark keeps), set by {@link #splits()}; null before. */
    private List<Path> splitFiles;
    /** Read by {@link #facts()}, once. */
    private ParquetFacts facts;

    ParquetHome(ParquetHomeOptions options, DuckDb duckdb) {
        this(options);
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
    }

    @Override
    public String describe() {
        return "parquet " + path;
    }

    @Override
    public List<Split> splits() {
        resolve();
        checkColumns();
        List<Path> read = files.stream()
                .filter(file -> watermark == null || !watermark.isHive() || watermark.keepsPartition(hiveValue(file))).toList();
        footers = RowGroups.read(duckdb, read, watermark, fallback);
        List<Split> splits = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        for (Path file : read) {
            List<ParquetSplit> parts = split(file, footers.get(file));
            if (!parts.isEmpty()) {
                kept.add(file);
            }
            splits.addAll(parts);
        }
        int holding = kept.size();
        if (splits.isEmpty()) {
            // nothing new anywhere: one split still runs (through the filter, reading no row) so the schema is the files'
            Path last = files.get(files.size() - 1);
            splits.add(ParquetSplit.whole(last.toString()));
            kept.add(last);
        }
        splitFiles = List.copyOf(kept);
        if (watermark != null) {
            LOG.info("{}: {} of {} file(s) hold rows after the watermark by their statistics; {} split(s)", path,
                    holding, files.size(), splits.size());
        }
        LOG.debug("{}: {} file(s), {} split(s)", path, files.size(), splits.size());
        return splits;
    }

    /**
     * A Home that completes a half-done commit here, then, on a thread of its own, opens its
     * embedded database with {@code opener}, lists the files and reads the first one's columns,
     * while the engine opens the Store and reads its state (an incremental run into a DuckDB Store
     * spent ~10 ms on the database's start and 30-40 ms on each of the rest, one after the other).
     * What it finds, or the error it meets, is what {@link #column} and {@link #splits()} would
     * have found or met; {@link #close()} waits for it, so the database is never closed under its query.
     */
    static ParquetHome planned(ParquetHomeOptions options, java.util.function.Supplier<DuckDb> opener,
                               java.util.function.Consumer<String> warn) {
        ParquetHome home = new ParquetHome(options);
        home.fallback = new ReadFallback(home.describe(), warn);
        home.planAhead(requireNonNull(opener, "opener is null"));
        return home;
    }

    private ParquetHome(ParquetHomeOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.path = options.entity == null ? options.path : Path.of(options.path, options.entity).toString();
        this.fallback = new ReadFallback(describe(), TextHome.LOGGED);
    }

    private void planAhead(java.util.function.Supplier<DuckDb> opener) {
        CommitRepair.beforeReading(path);
        repaired = true;
        ahead = Ahead.start("hygge-parquet-plan", () -> {
            duckdb = opener.get();
            listFiles();
            try {
                readColumns();
            } catch (RuntimeException e) {
                // read again when asked, on the caller's thread: a projection's missing column is then
                // reported by checkColumns() as before, and any other error where it was met before
                LOG.debug("{}: reading the columns ahead failed; read again when asked", path, e);
            }
        });
    }

    /** Completes a half-done commit, finds the files and their hive columns; once. */
    private void resolve() {
        if (ahead != null) {
            ahead.await();
        }
        listFiles();
    }

    private void listFiles() {
        if (files == null) {
            if (!repaired) {
                CommitRepair.beforeReading(path);
            }
            files = ParquetFiles.resolve(path);
            hive = HiveFolders.types(path, files);
            scans = new ParquetScans(path, hive, options, fallback);
        }
    }

    /**
     * The column as the first file reads it (a hive folder's included), from {@code LIMIT 0}:
     * DuckDB reads the footer, no row. Names match as DuckDB matches them (exactly, else ignoring
     * case); a column left out by {@code columns} is not read, so it is empty here.
     */
    @Override
    public Optional<Field> column(String name) {
        List<Field> fields = columns().fields();
        return fields.stream().filter(f -> f.getName().equals(name)).findFirst()
                .or(() -> fields.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                        .findFirst());
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        Field field = column(filter.column()).orElseThrow(() -> new HomeException(describe() + ": there is no column '"
                + filter.column() + "' to read incrementally in " + files.get(0)
                + (options.columns.isEmpty() ? "" : " (columns " + options.columns + "; add it to them)")));
        String duckdbType = columns().duckdbTypes().get(field.getName());
        if (duckdbType == null) {
            // never expected: DuckDB names the columns of one result alike in both
            throw new HomeException("Parquet file " + files.get(0) + ": DuckDB gives no type for the watermark column '"
                    + field.getName() + "', though it reads the column; the watermark cannot be compared");
        }
        watermark = ParquetWatermark.of(field, duckdbType, filter, hive.containsKey(field.getName()), describe());
    }

    /**
     * The columns the Home reads, as the first file holds them: DuckDB's Arrow export of them and their
     * DuckDB types (one {@code LIMIT 0} query, asked once: the engine asks for the watermark column, then
     * restricts by it).
     */
    private record Columns(Schema exported, Map<String, String> duckdbTypes) {
        List<Field> fields() {
            return exported.getFields();
        }
    }

    private Columns columns() {
        resolve();
        return readColumns();
    }

    private Columns readColumns() {
        if (columns == null) {
            columns = fallback.read(files.get(0), this::firstColumns);
        }
        return columns;
    }

    private Columns firstColumns() {
        try (BufferAllocator allocator = new RootAllocator(); DuckDBConnection connection = duckdb.connect();
             ArrowDatasetRead.Registered source = scans.source(connection, ParquetSplit.whole(files.get(0).toString()), allocator);
             Statement statement = connection.createStatement();
             DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery("SELECT " + scans.selectList() + " FROM "
                     + source.relation() + " LIMIT 0");
             ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
            Map<String, String> types = new LinkedHashMap<>();
            ResultSetMetaData meta = result.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnName(i), meta.getColumnTypeName(i));
            }
            return new Columns(reader.getVectorSchemaRoot().getSchema(), types);
        } catch (SQLException | IOException e) {
            throw new HomeException("Parquet file " + files.get(0) + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The schema {@link #open} gives the first split, without opening it (which started its scan, ~25 ms of an
     * in-engine copy's start), when the first split reads the file whose columns were read and DuckDB reads it:
     * that file's export as {@link ParquetScans#read} narrows it, with the footers' facts ({@link ParquetScans#schema}).
     * Asked after {@link #splits()}; empty before, and for a first split of another file.
     */
    @Override
    public Optional<Schema> knownSchema() {
        if (splitFiles == null || splitFiles.isEmpty() || !splitFiles.get(0).equals(files.get(0)) || fallback.byArrow(files.get(0))) {
            return Optional.empty();
        }
        return Optional.of(scans.schema(readColumns().exported(), facts()));
    }

    @Override
    public String engine() {
        return ParquetRelation.ENGINE;
    }

    /** Not when a file is read by Arrow Dataset (DuckDB refuses it): its rows reach DuckDB only as an Arrow stream. */
    @Override
    public Optional<String> whyNoRelation() {
        resolve();
        footers.forEach((file, groups) -> {
            if (groups.suspect() && !fallback.byArrow(file)) {
                probe(file); // the relation reads with read_parquet: a refused file must be known before, not met in it
            }
        });
        return files.stream().filter(fallback::byArrow).findFirst()
                .map(file -> "file " + file + " is read with Arrow Dataset, DuckDB refusing it");
    }

    /**
     * Its relations are cut by rows when nothing filters them: the footers read by {@link #splits()}
     * give each split's rows (an incremental read's rows are known only once read).
     */
    @Override
    public boolean slicesByRows() {
        return watermark == null && !footers.isEmpty();
    }

    /** Reads {@code file}'s first row with DuckDB, so that a file it refuses is handed to Arrow Dataset ({@link ReadFallback}). */
    private void probe(Path file) {
        try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
             ResultSet first = statement.executeQuery("SELECT * FROM " + scans.readParquet(List.of(file.toString())) + " LIMIT 1")) {
            first.next();
        } catch (SQLException e) {
            if (!fallback.takesOver(file, e)) {
                throw new HomeException("Parquet file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * {@code splits} as one query of DuckDB ({@link ParquetRelation}): each split's
     * {@code read_parquet} scan, as {@link #open} runs it, one after another.
     */
    @Override
    public EngineRelation relation(List<Split> splits) {
        resolve();
        List<ParquetSplit> parts = splits.stream().map(ParquetSplit.class::cast).toList();
        return ParquetRelation.of(describe(), parts, part -> scans.scan(part, watermark), watermark == null ? List.of() : watermark.parameters(),
                watermark == null ? footers : Map.of(), columns().fields());
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        ParquetSplit part = (ParquetSplit) split;
        return fallback.read(Path.of(part.file()), () -> scans.read(duckdb, part, allocator, watermark, this::facts));
    }

    /**
     * What the footers of the files read say that DuckDB's export does not (required columns, field
     * ids...); read once. The files read are those {@link #splits()} kept: an incremental run that
     * reads one new file of many reads one footer here, and its columns are what that file holds.
     */
    private synchronized ParquetFacts facts() {
        if (facts == null) {
            resolve();
            try {
                facts = ParquetFacts.read(duckdb, splitFiles == null ? files : splitFiles);
            } catch (HomeException e) {
                if (files.stream().noneMatch(fallback::byArrow)) {
                    throw e;
                }
                // a footer DuckDB cannot read, of a file Arrow Dataset reads (a map without values): no facts
                LOG.debug("{}: the footers' facts cannot be read; the schema stays as exported", path, e);
                facts = ParquetFacts.NONE;
            }
        }
        return facts;
    }

    /**
     * Row-group ranges of about {@code split_rows} rows (the whole file when it has one range), each
     * read in batches of at most {@link SplitRanges#BATCH_BYTES} by the widest row group's bytes per row; an
     * incremental read leaves out the ranges whose row groups' statistics hold nothing new.
     */
    private List<ParquetSplit> split(Path file, RowGroups.File groups) {
        String name = file.toString();
        boolean prune = watermark != null && watermark.prunesRowGroups();
        int batchRows = SplitRanges.batchRows(groups.bytesPerRow(), options.batchSize);
        if (batchRows < options.batchSize) {
            LOG.debug("{}: about {} bytes per row, read {} rows per batch", name, Math.round(groups.bytesPerRow()), batchRows);
        }
        // a file without row groups (0 rows) is a split only when nothing is pruned: a full read keeps every file
        return SplitRanges.ranges(name, groups.rows(), options.splitRows).stream()
                .filter(s -> !prune || SplitRanges.anyQualifies(s, groups.rows(), groups.qualifies()))
                .map(s -> s.withBatchRows(batchRows)).toList();
    }

    /** Fails before any row is read when a projected column does not exist. */
    private void checkColumns() {
        if (options.columns.isEmpty()) {
            return; // every column: nothing to check, and each file's footer is read by split()
        }
        Set<String> available = fallback.read(files.get(0), this::firstColumnNames);
        for (String column : options.columns) {
            if (!available.contains(column)) {
                throw new ConfigException("Home " + describe() + ": column '" + column + "' is not in " + files.get(0)
                        + "; its columns are " + available);
            }
        }
    }

    private Set<String> firstColumnNames() {
        Set<String> available = new LinkedHashSet<>();
        try (BufferAllocator allocator = new RootAllocator(); DuckDBConnection connection = duckdb.connect();
             ArrowDatasetRead.Registered source = scans.source(connection, ParquetSplit.whole(files.get(0).toString()), allocator);
             Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + source.relation())) {
            while (columns.next()) {
                available.add(columns.getString(1));
            }
        } catch (SQLException e) {
            throw new HomeException("Parquet file " + files.get(0) + " cannot be read: " + e.getMessage(), e);
        }
        return available;
    }

    /** The value of the watermark's hive column in {@code file}'s folders. */
    private String hiveValue(Path file) {
        return HiveFolders.of(path, file).get(watermark.column());
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.awaitQuietly(); // its query done before the database closes; its error is the flow's only if asked for
        }
        if (duckdb != null) {
            duckdb.close();
        }
    }
}
