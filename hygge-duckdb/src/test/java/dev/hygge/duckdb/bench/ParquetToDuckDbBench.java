package dev.hygge.duckdb.bench;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.duckdb.DuckDbConnectionFactory;
import dev.hygge.duckdb.DuckDbDatabase;
import dev.hygge.duckdb.DuckDbHomeFactory;
import dev.hygge.duckdb.DuckDbStoreFactory;
import dev.hygge.testkit.PeakRss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * The parquet → DuckDB benchmark's steps, one per JVM run (bench/parquet-to-duckdb.sh alternates them):
 * {@code generate FILE ROWS}, {@code hygge FILE DB STREAMS [STRATEGY]} (parquet Home), {@code hygge-via-duckdb FILE DB STREAMS}
 * (duckdb Home querying read_parquet), {@code duckdb FILE DB} (CTAS), {@code duckdb-arrow FILE DB} (DuckDB alone
 * through one Arrow C stream: what the Arrow data plane costs without hygge), and the halves alone: {@code read FILE},
 * {@code write DB STREAMS}. Each timed step
 * prints {@code seconds=… rows=… rss_mb=…}, timed from opening the target database to closing it (so the
 * final checkpoint is included for both); {@code rss_mb} is the JVM's peak resident set as the step ends ({@link PeakRss}).
 */
public final class ParquetToDuckDbBench {
    private ParquetToDuckDbBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]));
            case "hygge" -> hygge(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), true,
                    args.length > 4 ? args[4] : "temp_swap");
            case "hygge-arrow" -> {
                System.setProperty("hygge.arrow_path", "true");    // the Arrow path, not DuckDB's in-engine copy
                hygge(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), true, args.length > 4 ? args[4] : "temp_swap");
            }
            case "hygge-via-duckdb" -> hygge(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), false,
                    args.length > 4 ? args[4] : "temp_swap");
            case "duckdb" -> duckdb(Path.of(args[1]), Path.of(args[2]));
            case "duckdb-arrow" -> duckdbViaArrow(Path.of(args[1]), Path.of(args[2]));
            case "read" -> read(Path.of(args[1]));
            case "write" -> write(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("generate | hygge | duckdb, not " + args[0]);
        }
    }

    /** The 8-column table of the parquet benchmark, written by DuckDB as snappy parquet. */
    static void generate(Path file, long rows) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DuckDbDatabase db = DuckDbDatabase.open("gen", DuckDbDatabase.MEMORY, false);
             Connection c = db.duplicate(); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT"
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
                    + "      ELSE ((hash(i, 12) % 10000000000)::DECIMAL(18,0) / 100)::DECIMAL(18,2) END AS amount"
                    + " FROM range(" + rows + ") r(i)) TO '" + file.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        System.out.println("generated " + rows + " rows into " + file + " (" + Files.size(file) / 1_048_576 + " MB)");
    }

    /** @param parquetHome read with the parquet Home, else with the duckdb Home querying read_parquet */
    static void hygge(Path parquet, Path target, int streams, boolean parquetHome, String strategy) throws Exception {
        Files.deleteIfExists(target);
        long start = System.nanoTime();
        FlowResult result;
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).home(new dev.hygge.parquet.ParquetHomeFactory())
                        .store(new DuckDbStoreFactory()).connection(new DuckDbConnectionFactory()).build())
                .connection("source", "duckdb", Map.of("path", DuckDbDatabase.MEMORY))
                .progressInterval(null)
                .build()) {
            Map<String, Object> home = parquetHome ? Map.of("path", parquet.toString())
                    : Map.of("connection", "source", "query", "SELECT * FROM read_parquet('" + parquet.toAbsolutePath() + "')");
            result = hygge.flow("bench")
                    .from(parquetHome ? "parquet" : "duckdb", home)
                    .to("duckdb", store(target, streams, strategy))
                    .parallelism(streams)
                    .run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = check(target, result.rowsWritten());
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, PeakRss.mb());
    }

    /** The Store's options; {@code -Dbench.memory_limit=…} sets its {@code memory_limit} (bench/parquet-to-duckdb.sh's MEMORY_LIMIT). */
    private static Map<String, Object> store(Path target, int streams, String strategy) {
        Map<String, Object> store = new java.util.HashMap<>(Map.of("path", target.toString(), "table", "bench",
                "if_exists", "replace", "max_streams", streams, "write_strategy", strategy));
        String memoryLimit = System.getProperty("bench.memory_limit");
        if (memoryLimit != null) {
            store.put("memory_limit", memoryLimit);
        }
        return store;
    }

    /** The Home alone: parquet read by DuckDB and exported as Arrow into a store that drops it. */
    static void read(Path parquet) {
        long start = System.nanoTime();
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).connection(new DuckDbConnectionFactory()).build())
                .connection("source", "duckdb", Map.of("path", DuckDbDatabase.MEMORY))
                .progressInterval(null)
                .build()) {
            FlowResult result = hygge.flow("read")
                    .from("duckdb", Map.of("connection", "source",
                            "query", "SELECT * FROM read_parquet('" + parquet.toAbsolutePath() + "')"))
                    .to(new dev.hygge.testkit.NoopStore(1))
                    .run();
            System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", (System.nanoTime() - start) / 1e9, result.rowsWritten(), PeakRss.mb());
        }
    }

    /** The Store alone: 10M benchmark rows already in memory (the test kit's), loaded into a DuckDB table. */
    static void write(Path target, int streams) throws Exception {
        Files.deleteIfExists(target);
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().store(new DuckDbStoreFactory()).build())
                .progressInterval(null)
                .build()) {
            dev.hygge.testkit.InMemoryHome home = new dev.hygge.testkit.InMemoryHome(hygge.context().allocator(),
                    dev.hygge.testkit.TestBatches.benchmark(), 10_000_000, 122_880, streams, 4);
            long start = System.nanoTime();
            FlowResult result = hygge.flow("write").from(home)
                    .to("duckdb", Map.of("path", target.toString(), "table", "bench", "max_streams", streams))
                    .parallelism(streams).run();
            System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", (System.nanoTime() - start) / 1e9, result.rowsWritten(), PeakRss.mb());
            home.close();
        }
    }

    /**
     * DuckDB alone, through the Arrow data plane and without hygge: one in-memory DuckDB (one thread,
     * as the parquet Home) reads the file and exports it as one Arrow C stream, which the target
     * database takes with {@code CREATE TABLE bench AS SELECT * FROM stream}. What hygge adds on top
     * of this is the engine; what this adds on top of CTAS is the cost of going through Arrow.
     */
    static void duckdbViaArrow(Path parquet, Path target) throws Exception {
        Files.deleteIfExists(target);
        long start = System.nanoTime();
        try (DuckDbDatabase source = DuckDbDatabase.open("source", DuckDbDatabase.MEMORY, false);
             DuckDbDatabase db = DuckDbDatabase.open("ctas", target.toString(), false);
             org.apache.arrow.memory.RootAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             org.duckdb.DuckDBConnection read = source.duplicate(); Statement rs = read.createStatement();
             org.duckdb.DuckDBConnection write = db.duplicate(); Statement ws = write.createStatement()) {
            rs.execute("SET threads = 1");
            rs.execute("SET TimeZone = 'UTC'");
            ws.execute("SET TimeZone = 'UTC'");
            try (org.duckdb.DuckDBResultSet result = (org.duckdb.DuckDBResultSet) rs.executeQuery(
                         "SELECT * FROM read_parquet('" + parquet.toAbsolutePath() + "')");
                 org.apache.arrow.c.ArrowArrayStream stream = org.apache.arrow.c.ArrowArrayStream.allocateNew(allocator)) {
                // the exported stream owns the reader: DuckDB's release of the stream closes it
                org.apache.arrow.c.Data.exportArrayStream(allocator,
                        (org.apache.arrow.vector.ipc.ArrowReader) result.arrowExportStream(allocator, 122_880), stream);
                write.registerArrowStream("parquet_rows", stream);
                ws.execute("CREATE TABLE bench AS SELECT * FROM parquet_rows");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = check(target, -1);
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, PeakRss.mb());
    }

    static void duckdb(Path parquet, Path target) throws Exception {
        Files.deleteIfExists(target);
        long start = System.nanoTime();
        try (DuckDbDatabase db = DuckDbDatabase.open("ctas", target.toString(), false);
             Connection c = db.duplicate(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bench AS SELECT * FROM read_parquet('" + parquet.toAbsolutePath() + "')");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = check(target, -1);
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, PeakRss.mb());
    }

    private static long check(Path target, long expected) throws Exception {
        try (DuckDbDatabase db = DuckDbDatabase.open("check", target.toString(), true);
             Connection c = db.duplicate(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bench")) {
            rs.next();
            long rows = rs.getLong(1);
            if (expected >= 0 && rows != expected) {
                throw new IllegalStateException("table has " + rows + " rows, the flow wrote " + expected);
            }
            return rows;
        }
    }
}
