package dev.hygge.bench;

import dev.hygge.Flow;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.InMemoryHome;
import dev.hygge.testkit.NoopStore;
import dev.hygge.testkit.TestBatches;
import java.util.Locale;

/**
 * The engine's own cost: an in-memory Home (zero-copy slices of pre-generated batches) into a
 * Store that drops every batch, so what is measured is the pipeline between them (prefetch
 * queue, ownership transfers, metering, threads). Run by {@code bench/engine-overhead.sh}.
 *
 * <p>Arguments: {@code [rows] [batch_size] [repeats]}, default 10,000,000 rows of the 8-column
 * benchmark table in batches of 10,000, best of 5.
 */
public final class EngineOverhead {
    private EngineOverhead() {}

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf(Locale.ROOT, "engine overhead: %,d rows x 8 columns, batches of %,d, best of %d%n", rows,
                batchSize, repeats);
        StringBuilder last = new StringBuilder();
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).progressInterval(null).build()) {
            for (int queue : new int[] {8, 0}) {
                for (int streams : new int[] {1, 2}) {
                    double best = 0;
                    for (int run = 0; run < repeats + 1; run++) {
                        try (InMemoryHome home = new InMemoryHome(hygge.context().allocator(), TestBatches.benchmark(), rows, batchSize, streams, 4)) {
                            FlowResult result = hygge.run(Flow.builder("overhead").from(home).to(new NoopStore(streams))
                                    .queueSize(queue).parallelism(streams).build());
                            if (!result.succeeded()) {
                                throw result.error().get();
                            }
                            if (run > 0) { // the first run warms the JIT up
                                best = Math.max(best, result.rowsPerSecond());
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "queue_size=%d streams=%d rows_per_s=%,.0f%n", queue, streams, best);
                    last.append(String.format(Locale.ROOT, "q%d_s%d=%.0f ", queue, streams, best));
                }
            }
        }
        System.out.println(last.toString().trim());
    }
}
