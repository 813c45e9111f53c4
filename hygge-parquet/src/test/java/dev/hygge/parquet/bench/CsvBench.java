package dev.hygge.parquet.bench;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.duckdb.DuckDBDriver;

/**
 * The CSV benchmark's steps, one per JVM so each is measured alone ({@code bench/csv.sh} runs them):
 *
 * <pre>{@code
 * java ... dev.hygge.parquet.bench.CsvBench generate     work/source.parquet 10000000   # and work/source.csv
 * java ... dev.hygge.parquet.bench.CsvBench hygge-write  work/source.parquet work/out-hygge
 * java ... dev.hygge.parquet.bench.CsvBench duckdb-write work/source.parquet work/out-duckdb.csv
 * java ... dev.hygge.parquet.bench.CsvBench hygge-read   work/source.csv     work/in-hygge
 * java ... dev.hygge.parquet.bench.CsvBench duckdb-read  work/source.csv     work/in-duckdb.parquet
 * }</pre>
 *
 * <p>Write: parquet → CSV, hygge's flow (parquet Home → engine → file Store, {@code format: csv})
 * against DuckDB's {@code COPY (SELECT * FROM read_parquet(...)) TO ... (FORMAT csv)}. Read: CSV →
 * parquet, hygge's file Home ({@code read_csv} with its sniffer and rejects table) → parquet Store
 * against DuckDB's {@code COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)}. Each prints
 * {@code seconds=… rows=… rss_mb=…} (the JVM's peak resident memory, VmHWM).
 */
public final class CsvBench {
    private CsvBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CsvBench generate|hygge-write|duckdb-write|hygge-read|duckdb-read <source> <rows|destination>");
            System.exit(2);
        }
        Path source = Path.of(args[1]).toAbsolutePath();
        Path target = Path.of(args[2]).toAbsolutePath();
        long start = System.nanoTime();
        long rows = switch (args[0]) {
            case "generate" -> generate(source, Long.parseLong(args[2]));
            case "hygge-write" -> hygge(source, Map.of(), target, Map.of("format", "csv"));
            case "duckdb-write" -> duckdb("COPY (SELECT * FROM read_parquet('" + source + "')) TO '" + target + "' (FORMAT csv, HEADER)",
                    "SELECT count(*) FROM read_csv('" + target + "')");
            case "hygge-read" -> hygge(source, Map.of("format", "csv"), target, Map.of());
            case "duckdb-read" -> duckdb("COPY (SELECT * FROM read_csv('" + source + "')) TO '" + target + "' (FORMAT parquet)",
                    "SELECT count(*) FROM read_parquet('" + target + "')");
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, dev.hygge.testkit.PeakRss.mb());
    }

    /**
     * The benchmark table (as the parquet benchmark's: int64 id, int32, float64, 10–40 character
     * strings, bool, date, timestamp µs UTC, decimal(18,2), a few percent nulls) as parquet, and the
     * same rows as CSV beside it ({@code .csv}) for the read steps.
     */
    private static long generate(Path parquet, long rows) throws Exception {
        Files.createDirectories(parquet.getParent());
        String table = "SELECT i AS id, CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 7 % 100000)::INTEGER END AS qty,"
                + " CASE WHEN i % 29 = 0 THEN NULL ELSE (i % 1000) / 7.0 END AS price,"
                + " CASE WHEN i % 31 = 0 THEN NULL ELSE repeat(chr((65 + i % 26)::INTEGER), (10 + i % 31)::INTEGER) || i END AS name,"
                + " i % 3 = 0 AS active, DATE '2020-01-01' + (i % 2000)::INTEGER AS day,"
                + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 1000003) AS updated_at,"
                + " CASE WHEN i % 37 = 0 THEN NULL ELSE ((i % 1000000) / 100.0)::DECIMAL(18,2) END AS amount"
                + " FROM range(" + rows + ") t(i)";
        String csv = parquet.toString().replaceAll("\\.parquet$", "") + ".csv";
        return duckdb("COPY (" + table + ") TO '" + parquet + "' (FORMAT parquet); COPY (SELECT * FROM read_parquet('" + parquet
                + "')) TO '" + csv + "' (FORMAT csv, HEADER)", "SELECT count(*) FROM read_parquet('" + parquet + "')");
    }

    private static long hygge(Path source, Map<String, Object> home, Path destination, Map<String, Object> store) throws Exception {
        delete(destination);
        Map<String, Object> from = new java.util.HashMap<>(home);
        from.put("path", source.toString());
        Map<String, Object> to = new java.util.HashMap<>(store);
        to.put("path", destination.toString());
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            FlowResult result = hygge.flow("bench").from("parquet", from).to("parquet", to).run();
            return result.rowsWritten();
        }
    }

    private static long duckdb(String sql, String count) throws Exception {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (String part : sql.split("; ")) {
                statement.execute(part);
            }
            try (ResultSet rows = statement.executeQuery(count)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void delete(Path path) throws Exception {
        if (Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

}
