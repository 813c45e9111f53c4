package dev.hygge.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Generates parquet sample data with DuckDB SQL ({@code COPY (SELECT ... FROM range(n)) TO ...}),
 * fast and deterministic.
 *
 * <pre>{@code
 * SampleData.benchmark(Path.of("bench/data/source.parquet"), 10_000_000);
 * }</pre>
 */
public final class SampleData {
    private SampleData() {}

    /**
     * The benchmark table: {@code rows} rows × 8 columns (int64 id, int32, float64, 10–40 char
     * strings, bool, date, timestamp µs UTC, decimal(18,2)), 2–6% nulls in the nullable columns,
     * snappy, as one file of DuckDB's default row groups.
     */
    public static void benchmark(Path file, long rows) throws SQLException {
        run("COPY (SELECT i::BIGINT AS id,"
                + " CASE WHEN h % 100 < 2 THEN NULL ELSE (h >> 8) % 10000 END::INTEGER AS quantity,"
                + " CASE WHEN (h >> 4) % 100 < 3 THEN NULL ELSE ((h >> 12) % 1000000) / 100.0 END::DOUBLE AS price,"
                + " CASE WHEN (h >> 6) % 100 < 4 THEN NULL ELSE substr(md5(i::VARCHAR) || md5(h::VARCHAR), 1, 10 + ((h >> 20) % 31)::INTEGER) END AS name,"
                + " CASE WHEN (h >> 9) % 100 < 5 THEN NULL ELSE (h >> 30) % 2 = 0 END AS active,"
                + " CASE WHEN (h >> 11) % 100 < 6 THEN NULL ELSE DATE '2019-04-14' + (i % 3000)::INTEGER END AS day,"
                + " CASE WHEN (h >> 13) % 100 < 2 THEN NULL ELSE make_timestamptz(1600000000000000 + i * 1000003) END AS updated_at,"
                + " CASE WHEN (h >> 15) % 100 < 3 THEN NULL ELSE ((h >> 20) % 10000000000) / 100 END::DECIMAL(18,2) AS amount"
                + " FROM (SELECT range AS i, hash(range) AS h FROM range(" + rows + ")))"
                + " TO '" + file.toAbsolutePath() + "' (FORMAT parquet, COMPRESSION snappy)", file);
    }

    /** Runs one statement on a fresh in-memory DuckDB, creating the target's folder first. */
    static void run(String sql, Path target) throws SQLException {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("Cannot create the folder of " + target + ": " + e, e);
        }
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute(sql);
        }
    }
}
