package dev.hygge.parquet;

import dev.hygge.Hygge;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate JVM that copies a parquet file and dies (halts, as a kill would) right after the
 * first rename of its commit. Used by {@link CommitRecoveryTest}.
 *
 * <pre>{@code
 * java -cp ... dev.hygge.parquet.InterruptedCommit <source> <destination> <rows_per_file>
 * }</pre>
 */
public final class InterruptedCommit {
    private InterruptedCommit() {}

    public static void main(String[] args) {
        AtomicInteger renames = new AtomicInteger();
        Staging.afterRename = () -> {
            if (renames.incrementAndGet() == 1) {
                Runtime.getRuntime().halt(77);
            }
        };
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("copy").from("parquet", Map.of("path", args[0]))
                    .to("parquet", Map.of("path", args[1], "if_exists", "replace", "rows_per_file", Long.parseLong(args[2])))
                    .parallelism(1).run();
        }
        System.exit(0);
    }
}
