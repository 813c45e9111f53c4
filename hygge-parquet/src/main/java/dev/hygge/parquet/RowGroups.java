package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The row groups of parquet files as their footers describe them: rows, uncompressed bytes, and
 * whether an incremental read's statistics test ({@link ParquetWatermark#statisticsCondition()})
 * says a row group may hold a row after the watermark.
 *
 * <p>Read with one {@code parquet_metadata([...])} query for up to {@link #FILES_PER_QUERY}
 * files, not one query per file: an incremental run over a folder of many files otherwise paid
 * a query, and its planning, per file before reading a row. A file the answer does not hold has
 * no row group. When the query fails (a bad footer), or answers for a file name spelt otherwise
 * than asked, the files are read one by one, so a message names the bad file and no answer is
 * given to the wrong file.
 *
 * <pre>{@code
 * Map<Path, RowGroups.File> footers = RowGroups.read(duckdb, files, watermark);
 * footers.get(file).rows();   // [122880, 122880, ...]
 * }</pre>
 */
final class RowGroups {
    /** Files per {@code parquet_metadata} query: keeps the SQL text bounded for folders of thousands of files. */
    static final int FILES_PER_QUERY = 256;

    /**
     * One file's row groups, in order.
     *
     * @param rows each row group's rows
     * @param qualifies each row group's answer to the statistics test (true when there is no test)
     * @param bytesPerRow the widest row group's uncompressed bytes per row, 0 when unknown
     * @param suspect whether a column chunk is of a kind DuckDB 1.4 refuses ({@link #SUSPECT})
     */
    record File(List<Long> rows, List<Boolean> qualifies, double bytesPerRow, boolean suspect) {
        /** A file whose footer DuckDB cannot read, and Arrow Dataset reads: one range, which may hold any row. */
        static final File UNKNOWN = new File(List.of(0L), List.of(true), 0, false);

        File(List<Long> rows, List<Boolean> qualifies, double bytesPerRow) {
            this(rows, qualifies, bytesPerRow, false);
        }
    }

    /**
     * Column chunks that DuckDB 1.4's reader refuses, by their footer: the Hadoop {@code LZ4} codec, and
     * {@code BYTE_STREAM_SPLIT} on other than FLOAT and DOUBLE. Such a file is only a suspect: a read
     * of its first rows says whether this DuckDB refuses it ({@link ReadFallback}).
     */
    private static final String SUSPECT = "bool_or(compression = 'LZ4' OR (encodings LIKE '%BYTE_STREAM_SPLIT%'"
            + " AND type NOT IN ('FLOAT', 'DOUBLE')))";

    private RowGroups() {}

    /**
     * The row groups of every file, by file.
     *
     * @param watermark the incremental read whose statistics test is asked, or null for none
     * @throws HomeException naming the file whose footer cannot be read
     */
    static Map<Path, File> read(DuckDb duckdb, List<Path> files, ParquetWatermark watermark) {
        return read(duckdb, files, watermark, null);
    }

    /**
     * As {@link #read(DuckDb, List, ParquetWatermark)}; a file whose footer DuckDB refuses and
     * Arrow Dataset reads ({@code fallback}, or none when null) is {@link File#UNKNOWN}.
     */
    static Map<Path, File> read(DuckDb duckdb, List<Path> files, ParquetWatermark watermark, ReadFallback fallback) {
        Map<Path, File> groups = new LinkedHashMap<>();
        for (int from = 0; from < files.size(); from += FILES_PER_QUERY) {
            List<Path> some = files.subList(from, Math.min(files.size(), from + FILES_PER_QUERY));
            try {
                groups.putAll(query(duckdb, some, watermark));
            } catch (SQLException e) {
                if (some.size() == 1) {
                    groups.put(some.get(0), unreadable(some.get(0), e, fallback));
                    continue;
                }
                for (Path file : some) { // which file: each alone, so the message names it
                    try {
                        groups.putAll(query(duckdb, List.of(file), watermark));
                    } catch (SQLException alone) {
                        groups.put(file, unreadable(file, alone, fallback));
                    }
                }
            }
        }
        return groups;
    }

    private static Map<Path, File> query(DuckDb duckdb, List<Path> files, ParquetWatermark watermark) throws SQLException {
        Map<String, Path> byName = new HashMap<>();
        files.forEach(f -> byName.put(f.toString(), f));
        boolean test = watermark != null && watermark.prunesRowGroups();
        String qualifies = test ? "coalesce(bool_or(" + watermark.statisticsCondition() + "), true)" : "true";
        String list = files.stream().map(f -> DuckDb.fileLiteral(f.toString())).collect(Collectors.joining(", ", "[", "]"));
        Map<Path, List<Object[]>> rows = new LinkedHashMap<>();
        files.forEach(f -> rows.put(f, new ArrayList<>()));
        try (DuckDBConnection connection = duckdb.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT file_name, row_group_id,"
                     + " max(row_group_num_rows), sum(total_uncompressed_size), " + qualifies + ", " + SUSPECT
                     + " FROM parquet_metadata(" + list + ") GROUP BY file_name, row_group_id ORDER BY file_name, row_group_id")) {
            List<Object> parameters = test ? watermark.statisticsParameters() : List.of();
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Path file = files.size() == 1 ? files.get(0) : byName.get(result.getString(1));
                    if (file == null) {
                        // a name spelt otherwise than asked: never guess which file it is (read alone, each is known)
                        throw new SQLException("parquet_metadata answered for " + result.getString(1)
                                + ", which is not one of the files asked for");
                    }
                    rows.get(file).add(new Object[] {result.getLong(3), result.getDouble(4), result.getBoolean(5),
                        result.getBoolean(6)});
                }
            }
        }
        Map<Path, File> groups = new LinkedHashMap<>();
        rows.forEach((file, groupRows) -> groups.put(file, file(groupRows)));
        return groups;
    }

    private static File file(List<Object[]> groupRows) {
        List<Long> rows = new ArrayList<>();
        List<Boolean> qualifies = new ArrayList<>();
        double bytesPerRow = 0;
        boolean suspect = false;
        for (Object[] group : groupRows) {
            suspect |= (Boolean) group[3];
            long size = (Long) group[0];
            rows.add(size);
            qualifies.add((Boolean) group[2]);
            if (size > 0) {
                bytesPerRow = Math.max(bytesPerRow, (Double) group[1] / size);
            }
        }
        return new File(List.copyOf(rows), List.copyOf(qualifies), bytesPerRow, suspect);
    }

    /** {@link File#UNKNOWN} when Arrow Dataset reads {@code file} instead ({@code fallback}); otherwise throws naming it. */
    private static File unreadable(Path file, SQLException e, ReadFallback fallback) {
        if (fallback != null && (fallback.byArrow(file) || fallback.takesOver(file, e))) {
            return File.UNKNOWN;
        }
        throw new HomeException("Parquet file " + file + " cannot be read (bad footer or metadata): "
                + e.getMessage() + "; write the file again", e);
    }
}
