package dev.hygge.parquet;

import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A JVM of its own that runs one full load of the parquet files {@code source} into the Open Mirroring
 * table {@code orders} of the mirror {@code crm} at {@code lake}, with a watermark on {@code changed}, so a
 * parent can kill it at a chosen moment ({@link OpenMirroringKilledTest}). Prints {@code started}, then
 * {@code waiting} when the full load has dropped the table's folder and waits, and {@code done <rows>}.
 *
 * <pre>{@code
 * java ... dev.hygge.parquet.OpenMirroringFaultChild <lake> <source> <rows_per_file> <wait_seconds>
 * }</pre>
 */
public final class OpenMirroringFaultChild {
    private OpenMirroringFaultChild() {}

    public static void main(String[] args) throws Exception {
        OpenMirroringCommit.Sleeper sleeper = millis -> {
            say("waiting");
            OpenMirroringCommit.Sleeper.REAL.sleep(millis);
        };
        try (Hygge hygge = TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new OpenMirroringStoreFactory(sleeper)))) {
            say("started");
            long rows = hygge.flow("crm").entity("orders").from("parquet", Map.of("path", args[1]))
                    .to("open_mirroring", Map.of("path", args[0], "mirror_name", "crm", "key_columns", List.of("id"),
                            "rows_per_file", Long.parseLong(args[2]), "folder_deletion_wait_seconds", Double.parseDouble(args[3])))
                    .incremental(Incremental.on("changed").primaryKey("id")).fullDrop().parallelism(2)
                    .lockTimeout(Duration.ofMinutes(2)).run().rowsWritten();
            say("done " + rows);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
