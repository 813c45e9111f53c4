package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.NarrowingReader;
import dev.hygge.spi.Split;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
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
 */
final class TextHome implements Home, SupportsIncremental {
    private final ParquetHomeOptions options;
    private final FileFormat format;
    private final String path;
    private final DuckDb duckdb;
    private List<Path> files;
    /** Each column's DuckDB type, as read from the first file with the overrides applied. */
    private Map<String, String> types;
    /** The columns as Arrow fields, found on first use. */
    private List<Field> fields;
    /** The incremental filter, or null for a full read. */
    private ParquetWatermark watermark;
    /** Where the bad rows a read left out are reported: the flow's warnings. */
    private final Consumer<String> warnings;
    /** Warnings logged only, for a Home created without a context. */
    static final Consumer<String> LOGGED = message -> org.slf4j.LoggerFactory.getLogger(TextHome.class).warn("{}", message);

    /** @param warnings where bad rows left out are reported ({@code HyggeContext.warn}) */
    TextHome(ParquetHomeOptions options, FileFormat format, DuckDb duckdb, Consumer<String> warnings) {
        this.warnings = requireNonNull(warnings, "warnings is null");
        this.options = requireNonNull(options, "options is null");
        this.format = requireNonNull(format, "format is null");
        this.path = options.entity == null ? options.path : Path.of(options.path, options.entity).toString();
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
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
        return fields.stream().filter(f -> f.getName().equals(name)).findFirst()
                .or(() -> fields.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                        .findFirst());
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
                stream = new BadRows(allocator, stream, connection, file, options.onBadRow, rejectsFile(file),
                        warnings);
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

    /**
     * {@code read_csv(file, ...)} or {@code read_json(file, ...)} with the format options and
     * {@code columnTypes}: for CSV as {@code types} (the sniffer still finds the dialect), with the
     * bad rows kept in the rejects table (without it, one row of too few columns makes the sniffer
     * give up on the dialect and read one column); for NDJSON as {@code columns} (every column: a
     * read passes them all).
     */
    private String reader(Path file, Map<String, String> columnTypes, boolean read) {
        String arguments = TextFormats.readArguments(format, options.formatOptions);
        if (format == FileFormat.CSV) {
            return "read_csv(" + DuckDb.fileLiteral(file.toString()) + arguments
                    + (columnTypes.isEmpty() ? "" : ", types = " + TextFormats.typesLiteral(columnTypes))
                    + ", store_rejects = true)";
        }
        return "read_json(" + DuckDb.fileLiteral(file.toString()) + arguments
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
