package dev.hygge.duckdb.faults;

import dev.hygge.Flow;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.duckdb.DuckDbConnectionFactory;
import dev.hygge.duckdb.DuckDbHomeFactory;
import dev.hygge.duckdb.DuckDbStoreFactory;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetJournal;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.RunJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM that runs one incremental flow with a real {@link ParquetJournal} and dies exactly
 * between the data commit and the journal record: its journal's {@code record} prints the entry
 * it was handed and calls {@link Runtime#halt} (no shutdown hook, no finally: a kill -9 at that
 * moment). The engine records a run only after the Store's commit and the attempt's release, so
 * the rows (and, where the Store keeps it, the watermark) are committed and the journal lacks
 * the run. The parent ({@code KilledBeforeJournalTest}) then runs the same {@link #flow} again.
 *
 * <pre>
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp &lt;test class path&gt; dev.hygge.duckdb.faults.KilledJournalChild \
 *      &lt;duckdb-merge|duckdb-append|parquet&gt; &lt;kept|none&gt; &lt;folder&gt;
 * </pre>
 *
 * <p>Prints {@code recording\t<status>\t<watermark_type>\t<watermark>\t<row_count>} and exits
 * {@value #HALTED}; a flow that returns without recording exits 1.
 */
public final class KilledJournalChild {
    /** The exit code of a child halted at the journal record, as a shell reports a kill -9. */
    public static final int HALTED = 137;
    /** The flow every trial runs. */
    public static final String FLOW = "events";

    private KilledJournalChild() {}

    /** The DuckDB table a {@code duckdb-*} target writes, in {@code folder}. */
    public static Path database(Path folder) {
        return folder.resolve("target.duckdb");
    }

    /** The folder a {@code parquet} target writes. */
    public static Path lake(Path folder) {
        return folder.resolve("target");
    }

    /** The parquet folder a {@code duckdb-*} target reads. */
    public static Path sourceFolder(Path folder) {
        return folder.resolve("source");
    }

    /** The DuckDB file (table {@code events}) a {@code parquet} target reads. */
    public static Path sourceDatabase(Path folder) {
        return folder.resolve("source.duckdb");
    }

    /** The trial's run journal. */
    public static Path journal(Path folder) {
        return folder.resolve("journal.parquet");
    }

    /**
     * The trial's flow: a parquet folder into a DuckDB table that merges on {@code id}
     * ({@code duckdb-merge}) or appends ({@code duckdb-append}), or a DuckDB table into a parquet
     * folder ({@code parquet}), incremental on {@code changed}; with {@code state} false into the
     * same Store without its state ({@link StatelessStoreFactory}).
     */
    public static Flow flow(Hygge hygge, String target, boolean state, Path folder, RunJournal journal) {
        String prefix = state ? "" : StatelessStoreFactory.PREFIX;
        Flow.Builder builder = hygge.flow(FLOW);
        builder = switch (target) {
            case "duckdb-merge" -> builder.from("parquet", Map.of("path", sourceFolder(folder).toString()))
                    .to(prefix + "duckdb", Map.of("path", database(folder).toString(), "table", "events", "write_strategy", "merge",
                            "keys", List.of("id")));
            case "duckdb-append" -> builder.from("parquet", Map.of("path", sourceFolder(folder).toString()))
                    .to(prefix + "duckdb", Map.of("path", database(folder).toString(), "table", "events"));
            case "parquet" -> builder.from("duckdb", Map.of("path", sourceDatabase(folder).toString(), "table", "events"))
                    .to(prefix + "parquet", Map.of("path", lake(folder).toString()));
            default -> throw new IllegalArgumentException("unknown target " + target + "; use duckdb-merge, duckdb-append or parquet");
        };
        return builder.incremental(Incremental.on("changed").primaryKey("id")).journal(journal).retryDelay(Duration.ZERO).build();
    }

    /** A runtime with the parquet and DuckDB plugins, and their Stores without state ({@code stateless-duckdb}, {@code stateless-parquet}). */
    public static Hygge runtime() {
        DuckDbStoreFactory duckdb = new DuckDbStoreFactory();
        ParquetStoreFactory parquet = new ParquetStoreFactory();
        return Hygge.builder()
                .plugins(Plugins.builder().home(new ParquetHomeFactory()).home(new DuckDbHomeFactory())
                        .store(duckdb).store(parquet).store(new StatelessStoreFactory<>(duckdb)).store(new StatelessStoreFactory<>(parquet))
                        .connection(new DuckDbConnectionFactory()).build())
                .progressInterval(null)
                .build();
    }

    /** The command line that starts this child with the current JVM and class path, its temp folder below {@code folder}. */
    public static List<String> command(String target, boolean state, Path folder) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + folder.resolve("child-tmp"), "-cp", System.getProperty("java.class.path"),
                KilledJournalChild.class.getName(), target, state ? "kept" : "none", folder.toString());
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: KilledJournalChild <duckdb-merge|duckdb-append|parquet> <kept|none> <folder>");
            System.exit(2);
        }
        Path folder = Path.of(args[2]);
        RunJournal halting = new HaltingJournal(ParquetJournal.open(journal(folder)));
        FlowResult result;
        try (Hygge hygge = runtime()) {
            result = hygge.run(flow(hygge, args[0], args[1].equals("kept"), folder, halting));
        }
        System.out.println("ended without recording\t" + result.status() + "\t" + result.error().map(Throwable::toString).orElse(""));
        System.exit(1);
    }

    /** A real journal whose {@code record} halts the JVM instead: everything else (the last watermark) it reads as the real one does. */
    private record HaltingJournal(RunJournal journal) implements RunJournal {
        @Override
        public String describe() {
            return journal.describe();
        }

        @Override
        public void record(JournalEntry entry) {
            System.out.println(String.join("\t", "recording", entry.status(), String.valueOf(entry.watermarkType()),
                    String.valueOf(entry.watermark()), String.valueOf(entry.rowCount())));
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }

        @Override
        public List<JournalEntry> entries(String flow, String entity) {
            return journal.entries(flow, entity);
        }

        @Override
        public List<JournalEntry> entries() {
            return journal.entries();
        }

        @Override
        public Optional<JournalEntry> lastWatermark(String flow, String entity) {
            return journal.lastWatermark(flow, entity);
        }
    }
}
