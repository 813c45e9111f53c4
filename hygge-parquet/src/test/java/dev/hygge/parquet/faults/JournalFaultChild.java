package dev.hygge.parquet.faults;

import dev.hygge.parquet.ParquetJournal;
import dev.hygge.spi.JournalEntry;
import java.nio.file.Path;

/**
 * A JVM of its own that records {@code count} runs of {@code flow}/{@code entity} in a parquet
 * journal, one record each, for tests that run two at once or kill one while it records. Run
 * {@code i} has entity_run_id {@code <entity>-<i>} and watermark {@code i}. It prints
 * {@code started}, then, once the file {@code go} exists when one is named (so that two children
 * start recording at one moment), {@code recorded <i>} after each record is durable.
 *
 * <pre>{@code
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp <test class path> \
 *     dev.hygge.parquet.faults.JournalFaultChild <journal.parquet> <flow> <entity> <count> [go]
 * }</pre>
 */
public final class JournalFaultChild {
    private JournalFaultChild() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: JournalFaultChild <journal.parquet> <flow> <entity> <count> [go]");
            System.exit(2);
        }
        ParquetJournal journal = ParquetJournal.open(Path.of(args[0]));
        int count = Integer.parseInt(args[3]);
        say("started");
        while (args.length == 5 && !java.nio.file.Files.exists(Path.of(args[4]))) {
            Thread.sleep(5);
        }
        try {
            for (int i = 0; i < count; i++) {
                journal.record(run(args[1], args[2], i));
                say("recorded " + i);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Run {@code i} of {@code flow}/{@code entity}, as a child records it; its start_time is now, when it is about to be recorded. */
    public static JournalEntry run(String flow, String entity, int i) {
        String now = java.time.Instant.now().toString();
        return new JournalEntry(entity + "-" + i, "child-" + ProcessHandle.current().pid(), "flow-run", "faults", flow, entity,
                now, now, JournalEntry.SUCCESS, "incremental", (long) i, 0.5, "id",
                "seq", "int", Integer.toString(i), null, JournalEntry.SCHEMA_VERSION);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
