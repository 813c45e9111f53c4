package dev.hygge.parquet;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.NarrowingReader;
import dev.hygge.spi.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
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
 */
final class ParquetHome implements Home {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetHome.class);
    /** Bytes an Arrow batch is sized for: wide rows get fewer rows per batch, so memory stays bounded. */
    static final long BATCH_BYTES = 64L << 20;

    private final String path;
    private final ParquetHomeOptions options;
    private final DuckDb duckdb;
    private List<Path> files;
    /** Hive partition columns and their types, found by {@link #splits()}. */
    private Map<String, String> hive = Map.of();

    ParquetHome(ParquetHomeOptions options, DuckDb duckdb) {
        this.options = requireNonNull(options, "options is null");
        this.path = options.entity == null ? options.path : Path.of(options.path, options.entity).toString();
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
    }

    @Override
    public String describe() {
        return "parquet " + path;
    }

    @Override
    public List<Split> splits() {
        CommitRepair.beforeReading(path);
        files = ParquetFiles.resolve(path);
        hive = hiveTypes();
        checkColumns();
        List<Split> splits = new ArrayList<>();
        for (Path file : files) {
            splits.addAll(split(file));
        }
        LOG.debug("{}: {} file(s), {} split(s)", path, files.size(), splits.size());
        return splits;
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        ParquetSplit part = (ParquetSplit) split;
        String sql = "SELECT " + selectList() + " FROM " + readParquet(List.of(part.file()))
                + (part.isWholeFile() ? "" : " WHERE file_row_number >= " + part.firstRow()
                        + " AND file_row_number < " + part.endRow());
        DuckDBConnection connection = null;
        Statement statement = null;
        try {
            connection = duckdb.connect();
            statement = connection.createStatement();
            DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery(sql);
            int batchRows = part.batchRows() > 0 ? Math.min(part.batchRows(), options.batchSize) : options.batchSize;
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, batchRows);
            // DuckDB exports large offsets (arrow_large_buffer_size, set in DuckDb.open): no batch can overflow
            ArrowReader stream = ForwardingReader.closing(allocator, reader, result, statement, connection);
            try {
                return NarrowingReader.of(allocator, stream, NarrowingReader.DEFAULT_MAX_BATCH_BYTES);
            } catch (IOException | RuntimeException e) {
                ForwardingReader.closeQuietly(stream);
                throw e;
            }
        } catch (SQLException | IOException | RuntimeException e) {
            ForwardingReader.closeQuietly(statement);
            ForwardingReader.closeQuietly(connection);
            throw new HomeException("Cannot read parquet file " + part.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Row-group ranges of about {@code split_rows} rows (the whole file when it has one range), each
     * read in batches of at most {@link #BATCH_BYTES} by the widest row group's bytes per row.
     */
    private List<ParquetSplit> split(Path file) {
        String name = file.toString();
        List<Long> groupRows = new ArrayList<>();
        double bytesPerRow = 0;
        try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT row_group_id, max(row_group_num_rows), sum(total_uncompressed_size)"
                     + " FROM parquet_metadata(" + DuckDb.fileLiteral(name) + ") GROUP BY row_group_id ORDER BY row_group_id")) {
            while (rows.next()) {
                long groupSize = rows.getLong(2);
                groupRows.add(groupSize);
                if (groupSize > 0) {
                    bytesPerRow = Math.max(bytesPerRow, rows.getDouble(3) / groupSize);
                }
            }
        } catch (SQLException e) {
            throw new HomeException("Parquet file " + name + " cannot be read (bad footer or metadata): "
                    + e.getMessage() + "; write the file again", e);
        }
        int batchRows = batchRows(bytesPerRow, options.batchSize);
        if (batchRows < options.batchSize) {
            LOG.debug("{}: about {} bytes per row, read {} rows per batch", name, Math.round(bytesPerRow), batchRows);
        }
        return ranges(name, groupRows, options.splitRows).stream().map(s -> s.withBatchRows(batchRows)).toList();
    }

    /**
     * Rows per batch so that a batch holds about {@link #BATCH_BYTES} at {@code bytesPerRow} (the
     * parquet footer's uncompressed sizes: dictionary-encoded columns can expand further, which the
     * {@link NarrowingReader} then cuts), never more than {@code batchSize} nor fewer than 64 rows.
     */
    static int batchRows(double bytesPerRow, int batchSize) {
        if (bytesPerRow <= 0) {
            return batchSize;
        }
        long rows = (long) (BATCH_BYTES / bytesPerRow);
        return (int) Math.max(Math.min(batchSize, 64), Math.min(batchSize, rows));
    }

    /**
     * Cuts a file's row groups into {@code round(rows / splitRows)} ranges (never more than there
     * are row groups) of about equal rows: a range ends at the row group boundary nearest to its
     * share, so streams taking ranges in turn get even work and none is left with a small last
     * range. One range is the whole file.
     */
    static List<ParquetSplit> ranges(String file, List<Long> groupRows, long splitRows) {
        long total = groupRows.stream().mapToLong(Long::longValue).sum();
        long count = Math.min(groupRows.size(), Math.max(1, Math.round((double) total / splitRows)));
        if (count <= 1) {
            return List.of(ParquetSplit.whole(file));
        }
        List<ParquetSplit> ranges = new ArrayList<>();
        long start = 0;
        long end = 0;
        for (int i = 0; i < groupRows.size() - 1 && ranges.size() < count - 1; i++) {
            end += groupRows.get(i);
            // a range ends at the row group boundary nearest to its share of the rows
            long share = Math.round((double) total * (ranges.size() + 1) / count);
            if (end >= share || share - end < end + groupRows.get(i + 1) - share) {
                ranges.add(new ParquetSplit(file, start, end));
                start = end;
            }
        }
        ranges.add(new ParquetSplit(file, start, total));
        return ranges;
    }

    /** Fails before any row is read when a projected column does not exist. */
    private void checkColumns() {
        if (options.columns.isEmpty()) {
            return; // every column: nothing to check, and each file's footer is read by split()
        }
        Set<String> available = new LinkedHashSet<>();
        try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + readParquet(List.of(files.get(0).toString())))) {
            while (columns.next()) {
                available.add(columns.getString(1));
            }
        } catch (SQLException e) {
            throw new HomeException("Parquet file " + files.get(0) + " cannot be read: " + e.getMessage(), e);
        }
        for (String column : options.columns) {
            if (!available.contains(column)) {
                throw new ConfigException("Home " + describe() + ": column '" + column + "' is not in " + files.get(0)
                        + "; its columns are " + available);
            }
        }
    }

    private String selectList() {
        return options.columns.isEmpty() ? "*"
                : options.columns.stream().map(DuckDb::identifier).collect(Collectors.joining(", "));
    }

    /**
     * {@code read_parquet([...])} with hive partitioning when the files sit in {@code key=value}
     * folders below the path; a partition column is BIGINT when every value is an integer, else VARCHAR.
     */
    private String readParquet(List<String> names) {
        String list = names.stream().map(DuckDb::fileLiteral).collect(Collectors.joining(", ", "[", "]"));
        if (hive.isEmpty()) {
            return "read_parquet(" + list + ", hive_partitioning = false)";
        }
        String types = hive.entrySet().stream()
                .map(e -> DuckDb.literal(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return "read_parquet(" + list + ", hive_partitioning = true, hive_types = " + types + ")";
    }

    private Map<String, String> hiveTypes() {
        Path base = Path.of(path).toAbsolutePath().normalize();
        while (base != null && base.toString().matches(".*[*?\\[{].*")) {
            base = base.getParent();
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            Path relative = base != null && absolute.startsWith(base) ? base.relativize(absolute) : absolute;
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                String part = relative.getName(i).toString();
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String key = part.substring(0, eq);
                    boolean integer = part.substring(eq + 1).matches("-?\\d{1,18}");
                    types.merge(key, integer ? "BIGINT" : "VARCHAR", (a, b) -> a.equals(b) ? a : "VARCHAR");
                }
            }
        }
        return types;
    }

    @Override
    public void close() {
        duckdb.close();
    }
}
