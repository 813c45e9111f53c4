package dev.hygge.mysql.bench;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.mysql.MysqlConnectionFactory;
import dev.hygge.mysql.MysqlStoreFactory;
import dev.hygge.spi.Plugins;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * bench/mysql.sh's steps, each run in a JVM of its own:
 * {@code generate FILE ROWS} (the parquet benchmark's 10M × 8 table, by DuckDB),
 * {@code tsv FILE TSV} (the same rows as LOAD DATA text, by DuckDB),
 * {@code hygge FILE URL DB STREAMS} (a flow parquet → mysql, table {@code bench}, replace),
 * {@code raw TSV URL DB} ({@code LOAD DATA LOCAL INFILE} of the TSV file alone into {@code raw}, created
 * with the DDL hygge's table got), {@code read URL DB FETCH} (the mysql Home reads {@code bench} into a Store
 * that drops the rows, with that fetch size). Each prints {@code seconds=… rows=…}.
 */
public final class MysqlLoadBench {
    private MysqlLoadBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]));
            case "tsv" -> tsv(Path.of(args[1]), Path.of(args[2]));
            case "hygge" -> hygge(Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]));
            case "raw" -> raw(Path.of(args[1]), args[2], args[3]);
            case "read" -> read(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("generate | tsv | hygge | raw | read, not " + args[0]);
        }
    }

    private static final String ROWS = "SELECT"
            + " i::BIGINT AS id,"
            + " CASE WHEN hash(i, 1) % 100 < 2 THEN NULL ELSE (hash(i, 2) % 10000)::INTEGER END AS quantity,"
            + " CASE WHEN hash(i, 3) % 100 < 3 THEN NULL ELSE (hash(i, 4) % 1000000) / 100.0 END::DOUBLE AS price,"
            + " CASE WHEN hash(i, 5) % 100 < 4 THEN NULL"
            + "      ELSE substr(md5(i::VARCHAR) || md5((i + 7)::VARCHAR), 1, 10 + (hash(i, 6) % 31)::INTEGER) END AS name,"
            + " CASE WHEN hash(i, 7) % 100 < 5 THEN NULL ELSE hash(i, 8) % 2 = 0 END AS active,"
            + " CASE WHEN hash(i, 9) % 100 < 6 THEN NULL ELSE DATE '2019-04-14' + (i % 3000)::INTEGER END AS day,"
            + " CASE WHEN hash(i, 10) % 100 < 2 THEN NULL"
            + "      ELSE make_timestamptz(1600000000000000 + i * 1000003) END AS updated_at,"
            + " CASE WHEN hash(i, 11) % 100 < 3 THEN NULL"
            + "      ELSE ((hash(i, 12) % 10000000000)::DECIMAL(18,0) / 100)::DECIMAL(18,2) END AS amount";

    /** The parquet benchmark's table (as bench/parquet-to-duckdb.sh writes it), snappy parquet. */
    static void generate(Path file, long rows) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (" + ROWS + " FROM range(" + rows + ") r(i)) TO '" + sql(file) + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        System.out.println("generated " + rows + " rows into " + file + " (" + Files.size(file) / 1_048_576 + " MB)");
    }

    /** The parquet file's rows as LOAD DATA text: tab-separated, \N for NULL, timestamps as UTC wall clock. */
    static void tsv(Path parquet, Path tsv) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("COPY (SELECT id, quantity, price, name, CASE WHEN active THEN 1 WHEN NOT active THEN 0 END,"
                    + " day, strftime(updated_at, '%Y-%m-%d %H:%M:%S.%f'), amount FROM read_parquet('" + sql(parquet) + "'))"
                    + " TO '" + sql(tsv) + "' (FORMAT csv, DELIMITER '\t', HEADER false, NULLSTR '\\N', QUOTE '', ESCAPE '')");
        }
        System.out.println("wrote " + tsv + " (" + Files.size(tsv) / 1_048_576 + " MB)");
    }

    static void hygge(Path parquet, String url, String database, int streams) throws Exception {
        Map<String, Object> connection = connection(url, database, streams + 1);
        // the last run's table is dropped untimed, as the reference loads into an empty table: both time the load
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS `" + database + "`.bench");
        }
        long start = System.nanoTime();
        FlowResult result;
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new dev.hygge.parquet.ParquetHomeFactory()).store(new MysqlStoreFactory())
                        .connection(new MysqlConnectionFactory()).build())
                .connection("bench", "mysql", connection)
                .progressInterval(null)
                .build()) {
            result = hygge.flow("bench")
                    .from("parquet", Map.of("path", parquet.toString()))
                    .to("mysql", Map.of("connection", "bench", "table", "bench", "if_exists", "replace",
                            "parallel_workers", streams))
                    .parallelism(streams)
                    .run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seconds=%.3f rows=%d%n", seconds, count(url, database, "bench", result.rowsWritten()));
    }

    /** LOAD DATA LOCAL INFILE of the TSV file into a fresh table of hygge's DDL: the bulk path alone. */
    static void raw(Path tsv, String url, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "allowLocalInfile=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", "root", "");
             Statement st = c.createStatement()) {
            st.execute("USE `" + database + "`");
            String ddl;
            try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE bench")) {
                rs.next();
                ddl = rs.getString(2).replaceFirst("CREATE TABLE `bench`", "CREATE TABLE `raw`");
            }
            st.execute("DROP TABLE IF EXISTS raw");
            st.execute(ddl);
            long start = System.nanoTime();
            long rows;
            try (InputStream in = Files.newInputStream(tsv)) {
                st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
                rows = st.executeLargeUpdate("LOAD DATA LOCAL INFILE 'raw.tsv' INTO TABLE raw CHARACTER SET utf8mb4"
                        + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (st.getWarnings() != null) {
                throw new IllegalStateException("LOAD DATA warned: " + st.getWarnings().getMessage());
            }
            st.execute("DROP TABLE raw");
            System.out.printf("seconds=%.3f rows=%d%n", seconds, rows);
        }
    }

    /** The mysql Home alone: the table streamed into a Store that drops every batch; the heap's peak after. */
    static void read(String url, String database, int fetchSize) {
        long start = System.nanoTime();
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new dev.hygge.mysql.MysqlHomeFactory()).connection(new MysqlConnectionFactory()).build())
                .connection("bench", "mysql", connection(url, database, 2))
                .progressInterval(null)
                .build()) {
            FlowResult result = hygge.flow("read")
                    .from("mysql", Map.of("connection", "bench", "table", "bench", "fetch_size", fetchSize))
                    .to(new dev.hygge.testkit.NoopStore(1))
                    .run();
            long heap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("seconds=%.3f rows=%d fetch_size=%d peak_heap_mb=%d%n", (System.nanoTime() - start) / 1e9,
                    result.rowsWritten(), fetchSize, heap / 1_048_576);
        }
    }

    private static Map<String, Object> connection(String url, String database, int poolSize) {
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()).split("\\?")[0]);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("host", uri.getHost());
        options.put("port", uri.getPort() < 0 ? 3306 : uri.getPort());
        options.put("database", database);
        options.put("user", "root");
        options.put("pool_size", Math.max(2, poolSize));
        return options;
    }

    private static long count(String url, String database, String table, long written) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`")) {
            rs.next();
            if (rs.getLong(1) != written) {
                throw new IllegalStateException("the table holds " + rs.getLong(1) + " rows, the flow wrote " + written);
            }
            return written;
        }
    }

    private static String sql(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }
}
