package dev.hygge.parquet.faults;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.parquet.StagingHooks;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import java.time.Duration;
import java.util.Map;

/**
 * A JVM of its own that runs one flow into a parquet folder, for fault tests that kill it or run
 * two at once: {@code replace} or {@code append} of {@code rows} generated rows
 * ({@link TestBatches#benchmark()}, rows 0 to rows-1, in files of {@code rows_per_file} rows).
 * It prints {@code started} before the flow, {@code committing} when the commit begins and
 * {@code done <rows>} at the end, each on a line of its own, so a parent can kill it at a chosen
 * moment; {@code rename_delay_ms} sleeps after each rename of the commit, to widen that window.
 *
 * <pre>{@code
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp <test class path> \
 *     dev.hygge.parquet.faults.ParquetFaultChild <replace|append> <folder> <rows> [rows_per_file] [rename_delay_ms] [flow] [format]
 * }</pre>
 *
 * Exit code 0 when the flow succeeded; 1 with the error on stderr otherwise.
 */
public final class ParquetFaultChild {
    private ParquetFaultChild() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ParquetFaultChild <replace|append> <folder> <rows> [rows_per_file] [rename_delay_ms] [flow]");
            System.exit(2);
        }
        String mode = args[0];
        String folder = args[1];
        long rows = Long.parseLong(args[2]);
        long rowsPerFile = args.length > 3 ? Long.parseLong(args[3]) : 10_000;
        long renameDelay = args.length > 4 ? Long.parseLong(args[4]) : 0;
        String flow = args.length > 5 ? args[5] : "faults";
        String format = args.length > 6 ? args[6] : "parquet";
        StagingHooks.beforeCommit(() -> say("committing"));
        if (renameDelay > 0) {
            StagingHooks.afterRename(() -> sleep(renameDelay));
        }
        try (Hygge hygge = runtime()) {
            say("started");
            long written = hygge.flow(flow).from(home(rows))
                    .to("parquet", Map.of("path", folder, "if_exists", mode, "rows_per_file", rowsPerFile, "format", format))
                    .parallelism(2).lockTimeout(Duration.ofMinutes(2)).run().rowsWritten();
            say("done " + written);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** The rows a child writes: the parent writes the same rows to compare with. */
    public static GeneratedHome home(long rows) {
        return GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(5_000).splits(2).build();
    }

    public static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory()));
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
