package dev.hygge.parquet.faults;

import dev.hygge.parquet.ParquetJournal;
import dev.hygge.spi.JournalEntry;
import java.nio.file.Path;

/**
 * A JVM of its own that records {@code count} runs of {@code flow}/{@code entity} in a parquet
 * journal, one record each, for tests that run two at once or kill one while it records. Run
 * {@code i} has entity_run_id {@code <entity>-<i>} and watermark {@code i}. It prints
 * {@code started}, then {@code recorded <i>} after each record is durable.
 *
 * <pre>{@code
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp <test class path> \
 *     dev.hygge.parquet.faults.JournalFaultChild <journal.parquet> <flow> <entity> <count>
 * }</pre>
 */
public final class JournalFaultChild {
    private JournalFaultChild() {}

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: JournalFaultChild <journal.parquet> <flow> <entity> <count>");
            System.exit(2);
        }
        ParquetJournal journal = ParquetJournal.open(Path.of(args[0]));
        int count = Integer.parseInt(args[3]);
        say("started");
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

    /** Run {@code i} of {@code flow}/{@code entity}, as a child records it. */
    public static JournalEntry run(String flow, String entity, int i) {
        return new JournalEntry(entity + "-" + i, "child-" + ProcessHandle.current().pid(), "flow-run", "faults", flow, entity,
                "2026-12-01T10:00:00Z", "2026-12-01T10:00:01Z", JournalEntry.SUCCESS, "incremental", (long) i, 0.5, "id",
                "seq", "int", Integer.toString(i), null, JournalEntry.SCHEMA_VERSION);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
