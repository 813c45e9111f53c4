package dev.hygge.parquet.faults;

import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.parquet.ParquetStoreOptions;
import dev.hygge.parquet.StagingHooks;
import dev.hygge.spi.Options;
import dev.hygge.spi.Store;
import dev.hygge.testkit.StateKeepingStore;
import java.time.Duration;
import java.util.Map;

/**
 * A JVM of its own that runs one flow {@code faults} into a parquet folder as an incremental run
 * does: {@code replace} or {@code append} of {@code rows} generated rows ({@link ParquetFaultChild#home}),
 * committing the state {@code hygge.watermark = <state>} with the files. Prints {@code started},
 * {@code committing} and {@code done <rows>} as {@link ParquetFaultChild} does, so a parent can
 * kill it inside the commit; {@code rename_delay_ms} sleeps after each rename of the commit.
 *
 * <pre>{@code
 * java ... dev.hygge.parquet.faults.StateFaultChild <replace|append> <folder> <rows> <rows_per_file> <rename_delay_ms> <state>
 * }</pre>
 */
public final class StateFaultChild {
    /** The key the state is kept under. */
    public static final String KEY = "hygge.watermark";

    private StateFaultChild() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: StateFaultChild <replace|append> <folder> <rows> <rows_per_file> <rename_delay_ms> <state>");
            System.exit(2);
        }
        long renameDelay = Long.parseLong(args[4]);
        StagingHooks.beforeCommit(() -> say("committing"));
        if (renameDelay > 0) {
            StagingHooks.afterRename(() -> sleep(renameDelay));
        }
        try (Hygge hygge = ParquetFaultChild.runtime()) {
            say("started");
            long written = write(hygge, args[1], args[0], Long.parseLong(args[2]), Long.parseLong(args[3]), args[5]);
            say("done " + written);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** The write a child makes, also run by the parent to set a folder up: an incremental run when appending. */
    public static long write(Hygge hygge, String folder, String mode, long rows, long rowsPerFile, String state) {
        Map<String, Object> options = Map.of("path", folder, "if_exists", mode, "rows_per_file", rowsPerFile);
        try (Store store = new ParquetStoreFactory().create(Options.bind(options, ParquetStoreOptions.class, "fault child"),
                hygge.context())) {
            return hygge.flow("faults").from(ParquetFaultChild.home(rows))
                    .to(new StateKeepingStore(store, Map.of(KEY, state), mode.equals("append")))
                    .parallelism(2).lockTimeout(Duration.ofMinutes(2)).run().rowsWritten();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
