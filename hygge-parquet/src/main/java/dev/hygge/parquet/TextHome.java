package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.NarrowingReader;
import dev.hygge.spi.Split;
import dev.hygge.spi.SupportsEngineRelation;
import dev.hygge.spi.SupportsIncremental;
import dev.hygge.spi.WatermarkFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Reads CSV and NDJSON files as Arrow batches with embedded DuckDB's {@code read_csv} and
 * {@code read_json}: a file, a directory (its {@code *.csv}, {@code *.csv.gz}... files) or a glob,
 * one split per file.
 *
 * <pre>{@code
 * hygge.flow("orders").from("parquet", Map.of("path", "landing/orders.csv", "on_bad_row", "skip"))
 * }</pre>
 *
 * <p>The columns and their types are found once, from the first file: DuckDB's sniffer samples
 * {@code sample_size} rows for the dialect (delimiter, quote, escape, header) and each column's
 * type, {@code format_options.types} overrides it per column, and every file is read with those
 * types, so every split yields one schema. A CSV row that does not fit (a value not of its
 * column's type, too few or too many columns) goes to DuckDB's rejects table, and
 * {@link BadRows} does what {@code on_bad_row} says once the file is read.
 *
 * <p>Incremental reads ({@link SupportsIncremental}) filter each file's scan,
 * {@code read_csv(...) WHERE "col" > ?}, with the watermark bound as the parquet Home binds it
 * ({@link ParquetWatermark}); a text file has no statistics, so every file is read.
 *
 * <p>A Store on DuckDB copies the files inside DuckDB ({@link SupportsEngineRelation}): one
 * {@code read_csv}/{@code read_json} of a stream's files with {@link #open}'s options and types
 * (DuckDB sniffs each file's dialect, as the Arrow read does file by file; one scan, so row groups
 * run across files as they run across batches), CSV only when every file has the first file's
 * columns. Its bad rows are kept in rejects tables of its own, which the Home reads once the Store
 * loaded the rows ({@link EngineRelation.Check}): {@code on_bad_row} does the same on both paths.
 */
final class TextHome implements Home, SupportsIncremental, SupportsEngineRelation {
    private final ParquetHomeOptions options;
    private final FileFormat format;
    private final String path;
    private final DuckDb duckdb;
    private List<Path> files;
    /** Each column's DuckDB type, as read from the first file with the overrides applied. */
    private Map<String, String> types;
    /** The columns as Arrow fields, found on first use. */
    private List<Field> fields;
    /** Why the CSV files cannot be read as one relation ({@link #whyNoRelation}), empty when they can; found once. */
    private String unlike;
    /** The incremental filter, or null for a full read. */
    private ParquetWatermark watermark;
    /** Where the bad rows a read left out are reported: the flow's warnings. */
    private final Consumer<String> warnings;
    /** What on_bad_row does with the rows DuckDB could not read, on both paths. */
    private final RejectedRows rejected;
    /** Numbers the rejects tables of the relations. */
    private static final java.util.concurrent.atomic.AtomicLong RELATIONS = new java.util.concurrent.atomic.AtomicLong();
    /** Warnings logged only, for a Home created without a context. */
    static final Consumer<String> LOGGED = message -> org.slf4j.LoggerFactory.getLogger(TextHome.class).warn("{}", message);

    /** @param warnings where bad rows left out are reported ({@code HyggeContext.warn}) */
    TextHome(ParquetHomeOptions options, FileFormat format, DuckDb duckdb, Consumer<String> warnings) {
        this.warnings = requireNonNull(warnings, "warnings is null");
        this.options = requireNonNull(options, "options is null");
        this.format = requireNonNull(format, "format is null");
        this.path = options.entity == null ? options.path : Path.of(options.path, options.entity).toString();
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.rejected = new RejectedRows(options.onBadRow, this::rejectsFile, warnings);
    }

    @Override
    public String describe() {
        return format.label() + " " + path;
    }

    @Override
    public List<Split> splits() {
        resolve();
        checkColumns();
        List<Split> splits = new ArrayList<>();
        for (Path file : files) {
            splits.add(ParquetSplit.whole(file.toString()));
        }
        return splits;
    }

    /** Completes a half-done commit, finds the files and the columns' types; once. */
    private void resolve() {
        if (files == null) {
            CommitRepair.beforeReading(path);
            files = ParquetFiles.resolve(path, format);
            types = sniff(files.get(0));
        }
    }

    /**
     * The column as the first file reads it, from {@code LIMIT 0} with the types found; names match
     * exactly, else ignoring case. A column left out by {@code columns} is not read, so it is empty here.
     */
    @Override
    public Optional<Field> column(String name) {
        List<Field> fields = fields();
        return fields.stream().filter(f -> f.getName().equals(name)).findFirst()
                .or(() -> fields.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                        .findFirst());
    }

    /** The columns read, as the first file's Arrow read gives them; found once. */
    private List<Field> fields() {
        resolve();
        if (fields == null) {
            String sql = "SELECT " + selectList() + " FROM " + reader(files.get(0), types, true) + " LIMIT 0";
            try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
                 DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery(sql);
                 BufferAllocator allocator = new RootAllocator();
                 ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
                fields = List.copyOf(reader.getVectorSchemaRoot().getSchema().getFields());
            } catch (SQLException | IOException e) {
                throw new HomeException(format.title() + " file " + files.get(0) + " cannot be read: " + firstLine(e.getMessage()), e);
            }
        }
        return fields;
    }

    @Override
    public void restrict(WatermarkFilter filter) {
        Field field = column(filter.column()).orElseThrow(() -> new HomeException(describe() + ": there is no column '"
                + filter.column() + "' to read incrementally in " + files.get(0) + "; its columns are "
                + (options.columns.isEmpty() ? types.keySet() : options.columns + " (add it to columns)")));
        watermark = ParquetWatermark.of(field, types.get(field.getName()), filter, false, describe());
    }

    /** The columns and types of {@code file} by DuckDB's sniffer, {@code types} applied; fails naming an override of no column. */
    private Map<String, String> sniff(Path file) {
        Map<String, String> overrides = options.formatOptions.types;
        String sql = "DESCRIBE SELECT * FROM " + reader(file, format == FileFormat.CSV ? overrides : Map.of(), false);
        Map<String, String> found = new LinkedHashMap<>();
        try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery(sql)) {
            while (columns.next()) {
                found.put(columns.getString(1), columns.getString(2));
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("COLUMN_TYPES")) {
                throw new ConfigException("Home " + describe() + ": format_options.types " + overrides.keySet()
                        + " names a column that " + file + " does not have: " + firstLine(e.getMessage()));
            }
            throw new HomeException(format.title() + " file " + file + " cannot be read: " + firstLine(e.getMessage())
                    + (format == FileFormat.CSV ? "; check format_options (delimiter, quote, header, encoding)"
                            : "; each line must be one JSON object (newline-delimited JSON)"), e);
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!found.containsKey(override.getKey())) {
                throw new ConfigException("Home " + describe() + ": format_options.types names column '" + override.getKey()
                        + "', which " + file + " does not have; its columns are " + found.keySet());
            }
            found.put(override.getKey(), override.getValue());
        }
        return found;
    }

    /** Fails before any row is read when a projected column does not exist. */
    private void checkColumns() {
        for (String column : options.columns) {
            if (!types.containsKey(column)) {
                throw new ConfigException("Home " + describe() + ": column '" + column + "' is not in " + files.get(0)
                        + "; its columns are " + types.keySet());
            }
        }
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        Path file = Path.of(((ParquetSplit) split).file());
        Optional<String> where = watermark == null ? Optional.empty() : watermark.scanCondition();
        String sql = "SELECT " + selectList() + " FROM " + reader(file, types, true) + where.map(w -> " WHERE " + w).orElse("");
        List<Object> parameters = watermark == null ? List.of() : watermark.parameters();
        DuckDBConnection connection = null;
        PreparedStatement statement = null;
        try {
            connection = duckdb.connect();
            statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, options.batchSize);
            ArrowReader stream = ForwardingReader.closing(allocator, reader, result, statement, connection);
            if (format == FileFormat.CSV) {
                stream = new BadRows(allocator, stream, connection, file, rejected);
            }
            try {
                return NarrowingReader.of(allocator, stream, NarrowingReader.DEFAULT_MAX_BATCH_BYTES);
            } catch (IOException | RuntimeException e) {
                ForwardingReader.closeQuietly(stream);
                throw e;
            }
        } catch (SQLException | IOException | RuntimeException e) {
            ForwardingReader.closeQuietly(statement);
            ForwardingReader.closeQuietly(connection);
            throw new HomeException("Cannot read " + format.title() + " file " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public String engine() {
        return ParquetRelation.ENGINE;
    }

    /**
     * Parsing CSV/NDJSON is most of a copy: the Arrow path, parsing here while the Store's DuckDB writes, was
     * measured faster at 2M rows: into parquet 1.98 s against 3.52 s in-engine (bench/csv.sh), into a DuckDB
     * table 1.64-1.79 s against 2.02-2.42 s (three alternating CLI runs).
     */
    @Override
    public boolean readsAreTheCost() {
        return true;
    }

    /**
     * Not when a CSV file's columns (names, order) are not the first file's: DuckDB's read of many
     * files would match them by name where the Arrow read reads each file by itself.
     */
    @Override
    public Optional<String> whyNoRelation() {
        resolve();
        if (format == FileFormat.CSV && unlike == null) {
            List<String> first = List.copyOf(types.keySet());
            unlike = files.stream().skip(1).filter(file -> !first.equals(columnNames(file))).findFirst()
                    .map(file -> "the columns of " + file + " are not those of " + files.get(0) + " " + first
                            + ": each file is read by itself on Arrow batches")
                    .orElse("");
        }
        return Optional.ofNullable(unlike).filter(reason -> !reason.isEmpty());
    }

    /** The columns DuckDB's sniffer finds in {@code file}, the overrides applied; empty when it cannot read them. */
    private List<String> columnNames(Path file) {
        Map<String, String> overrides = options.formatOptions.types;
        List<String> names = new ArrayList<>();
        try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + reader(List.of(file), overrides, false, REJECTS))) {
            while (columns.next()) {
                names.add(columns.getString(1));
            }
        } catch (SQLException e) {
            return List.of();
        }
        return names;
    }

    /**
     * {@code splits} as one query of DuckDB: one {@code read_csv}/{@code read_json} of their files
     * with the options and types of {@link #open}'s, filtered as {@link #open} filters; a CSV read
     * keeps its bad rows in rejects tables of its own, which its {@link EngineRelation.Check} reads
     * (as {@link BadRows} reads the Arrow read's) and drops. The rows are not known before.
     */
    @Override
    public EngineRelation relation(List<Split> splits) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("a relation of no splits");
        }
        Schema schema = new Schema(fields());
        List<Path> read = splits.stream().map(split -> Path.of(((ParquetSplit) split).file())).toList();
        long id = RELATIONS.incrementAndGet();
        String errors = "hygge_reject_errors_" + id;
        String scans = "hygge_reject_scans_" + id;
        Optional<String> where = watermark == null ? Optional.empty() : watermark.scanCondition();
        String sql = "SELECT " + selectList() + " FROM " + reader(read, types, true, REJECTS + ", rejects_table = "
                + DuckDb.literal(errors) + ", rejects_scan = " + DuckDb.literal(scans)) + where.map(w -> " WHERE " + w).orElse("");
        String what = describe() + ": " + (splits.size() == 1 ? splits.get(0).describe() : splits.size() + " files from "
                + splits.get(0).describe() + " to " + splits.get(splits.size() - 1).describe());
        Optional<EngineRelation.Check> check = format != FileFormat.CSV ? Optional.empty() : Optional.of(connection -> {
            try {
                rejected.check(connection, errors, read);
            } finally {
                try (Statement drop = connection.createStatement()) {
                    drop.execute("DROP TABLE IF EXISTS " + DuckDb.identifier(errors));
                    drop.execute("DROP TABLE IF EXISTS " + DuckDb.identifier(scans));
                }
            }
        });
        return new EngineRelation(ParquetRelation.ENGINE, sql, watermark == null ? List.of() : watermark.parameters(), schema,
                OptionalLong.empty(), Optional.empty(), what, check);
    }

    /** How a CSV read keeps the rows it cannot read (without it, one row of too few columns makes the sniffer read one column). */
    private static final String REJECTS = ", store_rejects = true";

    private String reader(Path file, Map<String, String> columnTypes, boolean read) {
        return reader(List.of(file), columnTypes, read, REJECTS);
    }

    /**
     * {@code read_csv(files, ...)} or {@code read_json(files, ...)} with the format options and
     * {@code columnTypes}: for CSV as {@code types} (the sniffer still finds the dialect), with the
     * bad rows kept as {@code rejects} says; for NDJSON as {@code columns} (every column: a read
     * passes them all).
     */
    private String reader(List<Path> scanned, Map<String, String> columnTypes, boolean read, String rejects) {
        String arguments = TextFormats.readArguments(format, options.formatOptions);
        String files = scanned.size() == 1 ? DuckDb.fileLiteral(scanned.get(0).toString())
                : scanned.stream().map(f -> DuckDb.fileLiteral(f.toString())).collect(Collectors.joining(", ", "[", "]"));
        if (format == FileFormat.CSV) {
            return "read_csv(" + files + arguments
                    + (columnTypes.isEmpty() ? "" : ", types = " + TextFormats.typesLiteral(columnTypes))
                    + rejects + ")";
        }
        return "read_json(" + files + arguments
                + (read ? ", columns = " + TextFormats.typesLiteral(columnTypes) : "") + ")";
    }

    /**
     * Where {@code on_bad_row: file} writes {@code file}'s bad rows: {@code <folder>/<file>.rejects.csv},
     * the folder {@code rejects_path}, else {@code _rejects} inside the Home's folder (or beside its
     * file or glob), the name {@code file}'s path below that folder with {@code _} for {@code /}.
     */
    Path rejectsFile(Path file) {
        Path base = Path.of(path).toAbsolutePath().normalize();
        while (base.getParent() != null && (base.toString().matches(".*[*?\\[{].*") || !java.nio.file.Files.isDirectory(base))) {
            base = base.getParent();
        }
        Path absolute = file.toAbsolutePath().normalize();
        String name = (absolute.startsWith(base) ? base.relativize(absolute) : absolute.getFileName()).toString()
                .replace('/', '_').replace('\\', '_') + ".rejects.csv";
        return (options.rejectsPath != null ? Path.of(options.rejectsPath) : base.resolve("_rejects")).resolve(name);
    }

    private String selectList() {
        if (options.columns.isEmpty()) {
            return "*";
        }
        return options.columns.stream().map(DuckDb::identifier).collect(Collectors.joining(", "));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String trimmed = message.strip();
        int cut = trimmed.indexOf("\n\n");
        return (cut > 0 ? trimmed.substring(0, cut) : trimmed).replace('\n', ' ');
    }

    @Override
    public void close() {
        duckdb.close();
    }
}
