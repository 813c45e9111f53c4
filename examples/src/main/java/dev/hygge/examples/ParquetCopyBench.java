package dev.hygge.examples;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBDriver;

/**
 * The parquet copy benchmark's three steps, one per JVM so each is measured alone
 * ({@code bench/parquet-copy.sh} runs them):
 *
 * <pre>{@code
 * java ... dev.hygge.examples.ParquetCopyBench generate bench/data/source.parquet 10000000
 * java ... dev.hygge.examples.ParquetCopyBench hygge    bench/data/source.parquet bench/data/out-hygge
 * java ... dev.hygge.examples.ParquetCopyBench duckdb   bench/data/source.parquet bench/data/out-duckdb.parquet
 * }</pre>
 *
 * <p>{@code read} (profiling only) runs the Home and engine into a Store that drops the batches.
 * {@code hygge} runs a parquet → parquet flow with snappy compression as the engine chooses its path
 * (in-engine: the Home's splits copied by DuckDB), {@code hygge-arrow} the same flow on the general
 * path (parquet Home → Arrow batches on the engine's streams → parquet Store; {@code hygge-both}
 * runs both, for a class-data-sharing archive of both); {@code duckdb} runs DuckDB's own {@code COPY (SELECT * FROM read_parquet(...))};
 * {@code duckdb-arrow} runs DuckDB alone through the Arrow data plane, without hygge (see
 * {@link #duckdbViaArrow}).
 * Each prints {@code seconds=… rows=… rss_mb=…} (the JVM's peak resident memory, VmHWM).
 */
public final class ParquetCopyBench {
    private ParquetCopyBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ParquetCopyBench generate|hygge|duckdb <source.parquet> <rows|destination>");
            System.exit(2);
        }
        Path source = Path.of(args[1]);
        String warmup = System.getProperty("hygge.warmup");
        if (warmup != null && !args[0].equals("generate")) {
            // a JVM that already copied once, as in a run of many tables: same step on a small file, untimed
            Path scratch = Files.createTempDirectory("hygge-warmup");
            step(args[0], Path.of(warmup), scratch.resolve(args[0].equals("duckdb") ? "out.parquet" : "out"));
        }
        long start = System.nanoTime();
        long rows = step(args[0], source, args.length > 2 ? Path.of(args[2]) : null);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, peakRssMb());
    }

    private static long step(String step, Path source, Path target) throws Exception {
        long rows;
        switch (step) {
            case "generate" -> {
                rows = Long.parseLong(target.toString());
                SampleData.benchmark(source, rows);
            }
            case "hygge" -> rows = hygge(source, target, false);
            case "hygge-arrow" -> rows = hygge(source, target, true);
            case "hygge-both" -> rows = hygge(source, target, false) + hygge(source, target, true);
            case "duckdb" -> rows = duckdb(source, target);
            case "duckdb-arrow" -> rows = duckdbViaArrow(source, target);
            case "read" -> rows = readOnly(source);
            default -> throw new IllegalArgumentException("unknown step " + step + "; use generate, hygge, hygge-arrow, duckdb or duckdb-arrow");
        }
        return rows;
    }

    /** @param arrow whether the rows move as Arrow batches, else (where it can) inside DuckDB */
    private static long hygge(Path source, Path destination, boolean arrow) {
        int parallelism = Integer.getInteger("hygge.parallelism", 0);
        int queue = Integer.getInteger("hygge.queue", 8);
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            FlowResult result = hygge.flow("copy")
                    .from("parquet", homeOptions(source))
                    .to("parquet", Map.of("path", destination.toString(), "compression", "snappy", "if_exists", "replace"))
                    .parallelism(parallelism)
                    .queueSize(queue)
                    .arrowPath(arrow)
                    .run();
            return result.rowsWritten();
        }
    }

    /** The Home's options: the path, and for tuning runs {@code -Dhygge.batch} and {@code -Dhygge.splitRows}. */
    private static Map<String, Object> homeOptions(Path source) {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("path", source.toString()));
        if (Integer.getInteger("hygge.batch") != null) {
            options.put("batch_size", Integer.getInteger("hygge.batch"));
        }
        if (Long.getLong("hygge.splitRows") != null) {
            options.put("split_rows", Long.getLong("hygge.splitRows"));
        }
        return options;
    }

    /** For profiling: the hygge Home and engine only, into a Store that drops every batch. */
    private static long readOnly(Path source) {
        Store discard = new Store() {
            @Override
            public String describe() {
                return "discard";
            }

            @Override
            public int maxStreams() {
                return 16;
            }

            @Override
            public StoreWrite begin(WriteRequest request) {
                return new StoreWrite() {
                    @Override
                    public long consume(ArrowReader stream) throws Exception {
                        long rows = 0;
                        while (stream.loadNextBatch()) {
                            rows += stream.getVectorSchemaRoot().getRowCount();
                        }
                        return rows;
                    }

                    @Override
                    public void commit() {}

                    @Override
                    public void abort() {}

                    @Override
                    public void close() {}
                };
            }
        };
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            return hygge.flow("read").from("parquet", homeOptions(source)).to(discard)
                    .parallelism(Integer.getInteger("hygge.parallelism", 0)).run().rowsWritten();
        }
    }

    private static long duckdb(Path source, Path destination) throws Exception {
        Files.deleteIfExists(destination);
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_parquet('" + source.toAbsolutePath() + "')) TO '"
                    + destination.toAbsolutePath() + "' (FORMAT parquet, COMPRESSION snappy)");
            try (var count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + destination.toAbsolutePath() + "')")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /**
     * DuckDB alone through the Arrow data plane, shaped as hygge's flow but without it: two
     * threads, each reading half of the file's row groups with a one-thread DuckDB, exporting the
     * rows as an Arrow C stream and writing them with {@code COPY} on a second one-thread DuckDB.
     * What this costs over {@link #duckdb} is the price of moving rows as Arrow batches between
     * two engines; what hygge costs over this is its engine.
     */
    private static long duckdbViaArrow(Path source, Path destination) throws Exception {
        if (Files.isDirectory(destination)) {
            try (var old = Files.list(destination)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(destination);
        String file = source.toAbsolutePath().toString().replace("'", "''");
        Properties streaming = new Properties();
        streaming.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        try (org.duckdb.DuckDBConnection reader = (org.duckdb.DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", streaming);
             org.duckdb.DuckDBConnection writer = (org.duckdb.DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             org.apache.arrow.memory.RootAllocator allocator = new org.apache.arrow.memory.RootAllocator()) {
            long half;
            try (Statement statement = reader.createStatement()) {
                statement.execute("SET threads = 1");
                statement.execute("SET TimeZone = 'UTC'");
                try (var groups = statement.executeQuery("SELECT row_group_num_rows FROM parquet_metadata('" + file
                        + "') GROUP BY row_group_id, row_group_num_rows ORDER BY row_group_id")) {
                    long total = 0;
                    java.util.List<Long> ends = new java.util.ArrayList<>();
                    while (groups.next()) {
                        total += groups.getLong(1);
                        ends.add(total);
                    }
                    long target = total / 2;
                    half = ends.stream().min(java.util.Comparator.comparingLong(e -> Math.abs(e - target))).orElse(total);
                }
            }
            try (Statement statement = writer.createStatement()) {
                statement.execute("SET threads = 1");
                statement.execute("SET TimeZone = 'UTC'");
            }
            String[] ranges = {"file_row_number < " + half, "file_row_number >= " + half};
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.List<java.util.concurrent.Future<?>> parts = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int part = i;
                    parts.add(pool.submit(() -> {
                        try (org.duckdb.DuckDBConnection read = reader.duplicate(); Statement rs = read.createStatement();
                             org.duckdb.DuckDBConnection write = writer.duplicate(); Statement ws = write.createStatement();
                             org.duckdb.DuckDBResultSet result = (org.duckdb.DuckDBResultSet) rs.executeQuery(
                                     "SELECT * FROM read_parquet('" + file + "') WHERE " + ranges[part]);
                             org.apache.arrow.c.ArrowArrayStream stream = org.apache.arrow.c.ArrowArrayStream.allocateNew(allocator)) {
                            // the exported stream owns the reader: DuckDB's release of the stream closes it
                            org.apache.arrow.c.Data.exportArrayStream(allocator, (ArrowReader) result.arrowExportStream(allocator, 122_880), stream);
                            write.registerArrowStream("part" + part, stream);
                            ws.execute("COPY (SELECT * FROM part" + part + ") TO '" + destination.resolve("part" + part + ".parquet")
                                    .toAbsolutePath() + "' (FORMAT parquet, COMPRESSION snappy)");
                        }
                        return null;
                    }));
                }
                for (var part : parts) {
                    part.get();
                }
            } finally {
                pool.shutdown();
            }
            try (Statement statement = writer.createStatement();
                 var count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + destination.toAbsolutePath() + "/*.parquet')")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /** The JVM's peak resident set size in MB (VmHWM), or -1 where /proc is missing. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
