package dev.hygge.examples.faults;

import dev.hygge.Hygge;
import dev.hygge.spi.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBDriver;

/**
 * The fault benchmark ({@code bench/faults.sh}): kills writers at random moments and races two
 * writers of one destination, and counts what a user would lose.
 *
 * <ul>
 *   <li><b>Kill trials</b>, for each {@link Kind}: the destination holds OLD; a child JVM writes NEW and is
 *       killed ({@code kill -9}) after a random delay. A read through hygge's Home must then see OLD or NEW
 *       (append: OLD or OLD+NEW; merge: OLD or OLD merged with NEW), never a mix; then a normal run of the
 *       same write must give what that write gives, with nothing left over (staging folders, staging
 *       tables, files beside the database).</li>
 *   <li><b>Writer trials</b>: two child JVMs append to one parquet folder at once, or one JVM runs two flows
 *       appending to one DuckDB table at once; every row of every writer that reported success must be
 *       there.</li>
 * </ul>
 *
 * Last line: {@code kill_trials=… wrong_after_repair=… left_over=… writer_trials=… rows_lost=…}.
 */
public final class FaultTrials {
    private final Path work;
    private final long rows;
    private final Random random;
    private final List<String> java;
    private int wrong;
    private int leftOver;
    private int children;
    private final Map<Process, Path> logsOf = new java.util.HashMap<>();

    private FaultTrials(Path work, long rows, long seed) {
        this.work = work;
        this.rows = rows;
        this.random = new Random(seed);
        this.java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FaultChild.class.getName());
    }

    /** {@code FaultTrials <work folder> <kill trials per kind> <writer trials> <rows> [seed]}. */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int kills = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        long rows = Long.parseLong(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : System.nanoTime();
        Hygge.checkJvmFlags();
        FaultTrials trials = new FaultTrials(work, rows, seed);
        System.out.println("seed=" + seed + " rows=" + rows);
        // this JVM's own copy of DuckDB's library goes as the Store's does (it generates data through DuckDB directly)
        NativeLibraries.load("org.duckdb.DuckDBNative", DuckDBDriver.class.getClassLoader(), "libduckdb_java", ".so");
        long tempLibraries = duckdbLibraries();
        int killTrials = 0;
        for (Kind kind : Kind.values()) {
            killTrials += trials.kills(kind, kills);
        }
        long lost = 0;
        int failedWriters = 0;
        for (int i = 0; i < writers; i++) {
            long[] result = trials.writers(i % 2 == 0);
            lost += result[0];
            failedWriters += (int) result[1];
        }
        // a process killed while the driver copied its library leaves the copy; the next start removes copies
        // older than NativeLibraries.ORPHANED_AFTER: wait that long, run one more write, then count
        Thread.sleep(NativeLibraries.ORPHANED_AFTER.toMillis() + 1_000);
        trials.calibrate(Kind.DUCKDB_APPEND, null, trials.work.resolve("sources").resolve("old.parquet"));
        long leakedLibraries = duckdbLibraries() - tempLibraries;
        if (leakedLibraries > 0) {
            System.out.println("left in " + System.getProperty("java.io.tmpdir") + ": " + leakedLibraries + " DuckDB native libraries");
            trials.leftOver += (int) leakedLibraries;
        }
        System.out.println("writer_failures=" + failedWriters);
        System.out.println("kill_trials=" + killTrials + " wrong_after_repair=" + trials.wrong + " left_over=" + trials.leftOver
                + " writer_trials=" + writers + " rows_lost=" + lost);
    }

    /** Kill trials of one kind; returns how many ran. */
    private int kills(Kind kind, int trials) throws Exception {
        Path source = work.resolve("sources");
        Files.createDirectories(source);
        Path oldData = source.resolve("old.parquet");
        Path newData = source.resolve(kind.merge() ? "merge.parquet" : "new.parquet");
        long newFirst = kind.merge() ? rows / 2 : rows;
        generate(oldData, "old", 0, rows);
        generate(newData, "new", newFirst, rows);
        Snapshot old = Snapshot.of("old", 0, rows);
        Snapshot written = Snapshot.of("new", newFirst, rows);
        Snapshot afterWrite = kind.replace() ? written : kind.merge() ? Snapshot.of("old", 0, rows / 2).plus(written)
                : old.plus(written);
        long calibrated = calibrate(kind, oldData, newData);
        System.out.println(kind.name().toLowerCase() + ": a write takes " + calibrated + " ms in its JVM");
        for (int t = 0; t < trials; t++) {
            String destination = prepare(kind, "kill-" + kind.name().toLowerCase() + "-" + t, oldData);
            long delay = (long) (random.nextDouble() * calibrated * 1.1);
            Process child = start(List.of("write", kind.name(), destination, newData.toString()));
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            child.destroyForcibly().waitFor();
            Snapshot seen = Snapshot.read(kind, destination);
            boolean ok = seen.equals(old) || seen.equals(afterWrite);
            write(kind, destination, newData);                      // the next normal run
            Snapshot after = Snapshot.read(kind, destination);
            Snapshot expected = kind.replace() || kind.merge() ? afterWrite : seen.plus(written);
            ok &= after.equals(expected);
            List<String> left = leftOver(kind, destination);
            System.out.printf("  trial %2d: killed after %5d ms%s: %s%s%n", t, delay, finished ? " (had finished)" : "",
                    ok ? "ok" : "WRONG: saw " + seen + ", then " + after, left.isEmpty() ? "" : ", left over: " + left);
            wrong += ok ? 0 : 1;
            leftOver += left.isEmpty() ? 0 : 1;
        }
        return trials;
    }

    /** One writer trial; returns {rows lost, writers that failed}. */
    private long[] writers(boolean parquet) throws Exception {
        Kind kind = parquet ? Kind.PARQUET_APPEND : Kind.DUCKDB_APPEND;
        Path sources = work.resolve("sources");
        Path a = sources.resolve("writer-a.parquet");
        Path b = sources.resolve("writer-b.parquet");
        generate(a, "a", 0, rows);
        generate(b, "b", rows, rows);
        String destination = prepare(kind, "writers-" + (parquet ? "parquet" : "duckdb"), null);
        List<Process> children = new ArrayList<>();
        if (parquet) {   // two processes
            children.add(start(List.of("write", kind.name(), destination, a.toString())));
            children.add(start(List.of("write", kind.name(), destination, b.toString())));
        } else {         // two flows of one process (a DuckDB file is opened by one process at a time)
            children.add(start(List.of("writers", kind.name(), destination, a.toString(), b.toString())));
        }
        Snapshot expected = Snapshot.EMPTY;
        int failed = 0;
        for (int i = 0; i < children.size(); i++) {
            Process child = children.get(i);
            child.waitFor();
            if (child.exitValue() == 0) {
                expected = expected.plus(parquet ? (i == 0 ? Snapshot.of("a", 0, rows) : Snapshot.of("b", rows, rows))
                        : Snapshot.of("a", 0, rows).plus(Snapshot.of("b", rows, rows)));
            } else {
                failed++;
                System.out.println("  a writer failed:\n" + log(child));
            }
        }
        Snapshot seen = Snapshot.read(kind, destination);
        long lost = 0;
        for (Map.Entry<String, Snapshot.Sums> tag : expected.tags().entrySet()) {
            Snapshot.Sums there = seen.tags().get(tag.getKey());
            lost += Math.max(0, tag.getValue().rows() - (there == null ? 0 : there.rows()));
        }
        System.out.printf("  writers (%s): expected %s, saw %s%n", parquet ? "2 processes, parquet" : "2 flows, duckdb", expected, seen);
        return new long[] {lost, failed};
    }

    /** A fresh destination holding {@code old} (or nothing); returns its path. */
    private String prepare(Kind kind, String name, Path old) throws IOException {
        Path folder = work.resolve(name);
        delete(folder);
        Files.createDirectories(folder);
        String destination = kind.parquet() ? folder.resolve("lake").toString() : folder.resolve("w.duckdb").toString();
        if (old != null) {
            try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
                hygge.flow("writer").from("parquet", Map.of("path", old.toString()))   // the name the trials write: a replace owns the files of its own name
                        .to(kind.store(), kind.parquet() ? Map.of("path", destination, "if_exists", "replace")
                                : Map.of("path", destination, "table", "t", "if_exists", "replace"))
                        .run();
            }
        }
        return destination;
    }

    private void write(Kind kind, String destination, Path source) {
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            hygge.flow("writer").from("parquet", Map.of("path", source.toString())).to(kind.store(), kind.options(destination)).run();
        }
    }

    /** Wall time of one uninterrupted child write, JVM start included. */
    private long calibrate(Kind kind, Path old, Path source) throws Exception {
        String destination = prepare(kind, "calibrate-" + kind.name().toLowerCase(), old);
        long start = System.nanoTime();
        Process child = start(List.of("write", kind.name(), destination, source.toString()));
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the uninterrupted write failed:\n" + log(child));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Starts a child JVM whose output goes to a log file of its own (a full pipe would stall it). */
    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(java);
        command.addAll(args);
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path log = logs.resolve("child-" + (++children) + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        logsOf.put(process, log);
        return process;
    }

    private String log(Process child) throws IOException {
        return Files.readString(logsOf.get(child));
    }

    /** What a finished write should not have left: staging folders or tables, files beside the database. */
    private static List<String> leftOver(Kind kind, String destination) throws IOException, SQLException {
        List<String> left = new ArrayList<>();
        Path path = Path.of(destination);
        if (kind.parquet()) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> !p.equals(path)).map(p -> path.relativize(p).toString())
                        .filter(p -> p.startsWith("_") && !p.equals("_hygge.lock")).forEach(left::add);
            }
            return left;
        }
        try (Stream<Path> files = Files.list(path.getParent())) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(path.getFileName().toString())).forEach(left::add);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + destination);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'hygge_stage%'")) {
            while (r.next()) {
                left.add("table " + r.getString(1));
            }
        }
        return left;
    }

    private static void generate(Path file, String tag, long first, long count) throws SQLException {
        if (Files.exists(file)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT (" + first + " + i)::BIGINT AS id, '" + tag + "' AS tag, md5(i::VARCHAR) AS payload"
                    + " FROM range(" + count + ") t(i)) TO '" + file + "' (FORMAT parquet)");
        }
    }

    private static long duckdbLibraries() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("libduckdb")).count();
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
