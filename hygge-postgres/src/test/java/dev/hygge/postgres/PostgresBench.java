package dev.hygge.postgres;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.NoopStore;
import dev.hygge.testkit.TestBatches;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.postgresql.PGConnection;

/**
 * The steps of bench/postgres.sh, one per JVM run, each printing {@code seconds=… rows=… rss_mb=…}
 * (rss: the JVM's peak resident set, {@code VmHWM}):
 *
 * <ul>
 *   <li>{@code generate DIR ROWS}: the test kit's 8-column benchmark table as one parquet file;</li>
 *   <li>{@code prepare DIR N}: loads it once into {@code bench_source} and saves the server's own binary COPY of
 *       it, whole and in N parts ({@code id % N}), for the raw runs;</li>
 *   <li>{@code hygge-load DIR N}: parquet → postgres table {@code bench_hygge} (replace, temp_swap, N streams);</li>
 *   <li>{@code raw-load DIR N}: pgjdbc's {@code CopyManager.copyIn} of the saved binary COPY into a new table, N
 *       connections at once;</li>
 *   <li>{@code hygge-read DIR} ({@code bench_source} → parquet), {@code hygge-read-split DIR N} (the same as N key
 *       ranges of id, N streams), {@code hygge-read-arrow} (→ a Store that drops
 *       the batches), {@code raw-read} ({@code COPY … TO STDOUT (FORMAT binary)} into nothing),
 *       {@code cursor-read} (a JDBC cursor, fetch size 10,000, into Arrow through hygge-jdbc's reader: the
 *       alternative the Home did not take);</li>
 *   <li>{@code drop DIR}: drops the three tables.</li>
 * </ul>
 */
public final class PostgresBench {
    private static final String COLUMNS = "id bigint NOT NULL, quantity integer, price double precision, name varchar(60),"
            + " active boolean, day date, updated_at timestamptz, amount numeric(18,2)";

    private PostgresBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        long serverBefore = serverCpuTicks();
        long start = System.nanoTime();
        long rows = switch (args[0]) {
            case "generate" -> generate(dir, Long.parseLong(args[2]));
            case "prepare" -> prepare(dir, Integer.parseInt(args[2]));
            case "hygge-load" -> hyggeLoad(dir, Integer.parseInt(args[2]));
            case "raw-load" -> rawLoad(dir, Integer.parseInt(args[2]));
            case "hygge-read" -> hyggeRead(dir, true);
            case "hygge-read-split" -> hyggeReadSplit(dir, Integer.parseInt(args[2]));
            case "hygge-read-arrow" -> hyggeRead(dir, false);
            case "raw-read" -> rawRead();
            case "parquet-read" -> parquetRead(dir);
            case "cursor-read" -> cursorRead();
            case "drop" -> {
                PostgresServer.execute("DROP TABLE IF EXISTS bench_source, bench_hygge, bench_raw");
                yield 0;
            }
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuTicks("self", false) / TICKS;
        Thread.sleep(300);   // the server reaps the step's backends, adding their CPU to its children's
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d cpu_s=%.2f server_cpu_s=%.2f%n", seconds, rows, dev.hygge.testkit.PeakRss.mb(), cpu,
                (serverCpuTicks() - serverBefore) / TICKS);
    }

    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    /**
     * CPU ticks of the server's exited backends: the postmaster's children's user + system time
     * (a step's backends end with it; other clients of the server are counted too, so it is a
     * figure on a quiet server). -1 where /proc or the postmaster cannot be read.
     */
    private static long serverCpuTicks() {
        try (Connection c = PostgresServer.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String backend = Files.readString(Path.of("/proc/" + rs.getInt(1) + "/stat"));
            String postmaster = backend.substring(backend.lastIndexOf(')') + 2).split(" ")[1];
            return cpuTicks(postmaster, true);
        } catch (Exception e) {
            return -1;
        }
    }

    /** utime + stime of /proc/PID/stat, or cutime + cstime (its reaped children's) when {@code children}. */
    private static long cpuTicks(String pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int first = children ? 13 : 11;   // fields 16/17 or 14/15, counted from field 3 (the state)
            return Long.parseLong(f[first]) + Long.parseLong(f[first + 1]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static long generate(Path dir, long rows) {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            return hygge.flow("generate").from(GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(100_000).build())
                    .to("parquet", Map.of("path", dir.resolve("parquet").toString())).run().rowsWritten();
        }
    }

    static long prepare(Path dir, int parts) throws Exception {
        PostgresServer.execute("DROP TABLE IF EXISTS bench_source");
        PostgresServer.execute("CREATE TABLE bench_source (" + COLUMNS + ")");
        long rows;
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            rows = hygge.flow("prepare").from("parquet", Map.of("path", dir.resolve("parquet").toString()))
                    .to("postgres", Map.of("connection", "pg", "table", "bench_source")).parallelism(4).run().rowsWritten();
        }
        PostgresServer.execute("VACUUM ANALYZE bench_source");
        save("SELECT * FROM bench_source", dir.resolve("copy-all.bin"));
        for (int k = 0; k < parts; k++) {
            save("SELECT * FROM bench_source WHERE id % " + parts + " = " + k, dir.resolve("copy-" + parts + "-" + k + ".bin"));
        }
        return rows;
    }

    private static void save(String select, Path file) throws Exception {
        try (Connection c = PostgresServer.connect(); OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)", out);
        }
    }

    static long hyggeLoad(Path dir, int streams) {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            FlowResult result = hygge.flow("load").from("parquet", Map.of("path", dir.resolve("parquet").toString()))
                    .to("postgres", Map.of("connection", "pg", "table", "bench_hygge", "if_exists", "replace",
                            "parallel_workers", streams))
                    .parallelism(streams).run();
            return result.rowsWritten();
        }
    }

    static long rawLoad(Path dir, int connections) throws Exception {
        PostgresServer.execute("DROP TABLE IF EXISTS bench_raw");
        PostgresServer.execute("CREATE TABLE bench_raw (" + COLUMNS + ")");
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Long>> loads = new ArrayList<>();
            for (int k = 0; k < connections; k++) {
                Path file = connections == 1 ? dir.resolve("copy-all.bin") : dir.resolve("copy-" + connections + "-" + k + ".bin");
                loads.add(pool.submit(() -> {
                    try (Connection c = PostgresServer.connect(); InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                        return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_raw FROM STDIN (FORMAT binary)", in, 1 << 16);
                    }
                }));
            }
            long rows = 0;
            for (Future<Long> load : loads) {
                rows += load.get();
            }
            return rows;
        } finally {
            pool.shutdown();
        }
    }

    static long hyggeRead(Path dir, boolean parquet) {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            var flow = hygge.flow("read").from("postgres", Map.of("connection", "pg", "table", "bench_source"));
            if (parquet) {
                return flow.to("parquet", Map.of("path", dir.resolve("out").toString())).run().rowsWritten();
            }
            return flow.to(new NoopStore(1)).run().rowsWritten();
        }
    }

    /** bench_source → parquet as {@code partitions} key ranges of id, read and written by as many streams. */
    static long hyggeReadSplit(Path dir, int partitions) {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            return hygge.flow("read").from("postgres", Map.of("connection", "pg", "table", "bench_source",
                            "partition_column", "id", "partitions", partitions))
                    .to("parquet", Map.of("path", dir.resolve("out").toString())).parallelism(partitions).run().rowsWritten();
        }
    }

    /** The load's source alone: the parquet Home into a Store that drops the batches. */
    static long parquetRead(Path dir) {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            return hygge.flow("read").from("parquet", Map.of("path", dir.resolve("parquet").toString()))
                    .to(new NoopStore(1)).run().rowsWritten();
        }
    }

    static long rawRead() throws Exception {
        try (Connection c = PostgresServer.connect()) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM bench_source) TO STDOUT (FORMAT binary)",
                    OutputStream.nullOutputStream());
        }
    }

    static long cursorRead() throws Exception {
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator(); Connection c = PostgresServer.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(10_000);
                // the standard JDBC converters read timestamptz (reported as TIMESTAMP) as LocalDateTime, which pgjdbc refuses
                ResultSet rs = st.executeQuery("SELECT id, quantity, price, name, active, day,"
                        + " updated_at AT TIME ZONE 'UTC' AS updated_at, amount FROM bench_source");
                try (ResultSetReader reader = ResultSetReader.builder(rs, allocator).batchRows(100_000).build()) {
                    while (reader.loadNextBatch()) {
                        rows += reader.getVectorSchemaRoot().getRowCount();
                    }
                }
            }
            c.commit();
        }
        return rows;
    }

}
