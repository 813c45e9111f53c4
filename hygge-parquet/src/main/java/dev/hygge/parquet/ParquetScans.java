package dev.hygge.parquet;

import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.NarrowingReader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * The DuckDB queries of a {@link ParquetHome}'s files once they are listed: {@code read_parquet}
 * over them (hive partitioning where they sit in {@code key=value} folders), the projection, and a
 * split's rows read as Arrow batches, from Arrow Dataset's stream for a file DuckDB refuses
 * ({@link ReadFallback}).
 *
 * <pre>{@code
 * ParquetScans scans = new ParquetScans(path, HiveFolders.types(path, files), options, fallback);
 * ArrowReader rows = scans.read(duckdb, split, allocator, watermark, facts);
 * }</pre>
 */
final class ParquetScans {
    private final String path;
    private final Map<String, String> hive;
    private final ParquetHomeOptions options;
    private final ReadFallback fallback;

    ParquetScans(String path, Map<String, String> hive, ParquetHomeOptions options, ReadFallback fallback) {
        this.path = path;
        this.hive = hive;
        this.options = options;
        this.fallback = fallback;
    }

    /** The query of {@code part}'s rows by {@code read_parquet}, as {@link #read} runs it for a file DuckDB reads. */
    String scan(ParquetSplit part, ParquetWatermark watermark) {
        String rows = part.isWholeFile() ? null
                : "file_row_number >= " + part.firstRow() + " AND file_row_number < " + part.endRow();
        String where = dev.hygge.jdbc.WatermarkPredicate.and(rows,
                watermark == null ? Optional.empty() : watermark.scanCondition());
        return "SELECT " + selectList() + " FROM " + readParquet(List.of(part.file())) + (where == null ? "" : " WHERE " + where);
    }

    /**
     * What {@code part}'s rows are selected from: {@code read_parquet}, or for a file DuckDB refuses,
     * Arrow Dataset's stream of the part's rows registered on {@code connection}.
     */
    ArrowDatasetRead.Registered source(DuckDBConnection connection, ParquetSplit part, BufferAllocator allocator)
            throws SQLException {
        Path file = Path.of(part.file());
        if (!fallback.byArrow(file)) {
            return new ArrowDatasetRead.Registered(readParquet(List.of(part.file())), () -> {});
        }
        return ArrowDatasetRead.register(connection, "hygge_arrow_dataset", file, part.firstRow(), part.endRow(),
                HiveFolders.of(path, file), hive, part.batchRows() > 0 ? Math.min(part.batchRows(), options.batchSize) : options.batchSize,
                allocator);
    }

    /** {@code part}'s rows as Arrow batches, through {@code watermark} (or null) and with {@code facts} of the footers. */
    ArrowReader read(DuckDb duckdb, ParquetSplit part, BufferAllocator allocator, ParquetWatermark watermark,
            Supplier<ParquetFacts> facts) {
        // a file Arrow Dataset reads has its range cut by ArrowDatasetRead (there is no file_row_number)
        String rows = part.isWholeFile() || fallback.byArrow(Path.of(part.file())) ? null
                : "file_row_number >= " + part.firstRow() + " AND file_row_number < " + part.endRow();
        String where = dev.hygge.jdbc.WatermarkPredicate.and(rows,
                watermark == null ? Optional.empty() : watermark.scanCondition());
        List<Object> parameters = watermark == null ? List.of() : watermark.parameters();
        DuckDBConnection connection = null;
        ArrowDatasetRead.Registered source = null;
        PreparedStatement statement = null;
        try {
            connection = duckdb.connect();
            source = source(connection, part, allocator);
            statement = connection.prepareStatement("SELECT " + selectList() + " FROM " + source.relation()
                    + (where == null ? "" : " WHERE " + where));
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
            int batchRows = part.batchRows() > 0 ? Math.min(part.batchRows(), options.batchSize) : options.batchSize;
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, batchRows);
            // DuckDB exports large offsets (arrow_large_buffer_size, set in DuckDb.open): no batch can overflow
            ArrowReader stream = ForwardingReader.closing(allocator, reader, result, statement, source, connection);
            try {
                return FactsReader.of(allocator, NarrowingReader.of(allocator, stream, NarrowingReader.DEFAULT_MAX_BATCH_BYTES),
                        facts.get(), fileColumns());
            } catch (IOException | RuntimeException e) {
                ForwardingReader.closeQuietly(stream);
                throw e;
            }
        } catch (SQLException | IOException | RuntimeException e) {
            ForwardingReader.closeQuietly(statement);
            ForwardingReader.closeQuietly(source);
            ForwardingReader.closeQuietly(connection);
            throw new HomeException("Cannot read parquet file " + part.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema {@link #read} gives the rows of a file whose DuckDB export is {@code exported}: its large types
     * narrowed ({@link NarrowingReader}), then what {@code facts} of the footers add ({@link FactsReader}).
     */
    Schema schema(Schema exported, ParquetFacts facts) {
        return facts.apply(NarrowingReader.schemaOf(exported), fileColumns());
    }

    /** Whether every column of the files is read: no {@code columns} projection and no hive folder's column. */
    private boolean fileColumns() {
        return options.columns.isEmpty() && hive.isEmpty();
    }

    String selectList() {
        return options.columns.isEmpty() ? "*"
                : options.columns.stream().map(DuckDb::identifier).collect(Collectors.joining(", "));
    }

    /**
     * {@code read_parquet([...])} with hive partitioning when the files sit in {@code key=value}
     * folders below the path; a partition column is BIGINT when every value is an integer, else VARCHAR.
     */
    String readParquet(List<String> names) {
        String list = names.stream().map(DuckDb::fileLiteral).collect(Collectors.joining(", ", "[", "]"));
        if (hive.isEmpty()) {
            return "read_parquet(" + list + ", hive_partitioning = false)";
        }
        String types = hive.entrySet().stream()
                .map(e -> DuckDb.literal(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return "read_parquet(" + list + ", hive_partitioning = true, hive_types = " + types + ")";
    }
}
