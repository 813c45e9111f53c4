package dev.hygge.examples.faults;

import dev.hygge.Flow;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.RunOptions;
import dev.hygge.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM a fault trial kills or races: runs one write of a {@link Kind}, or several writers of one
 * destination at once, and exits 0 when every write succeeded.
 *
 * <pre>
 * java ... FaultChild write parquet_replace lake/orders new.parquet
 * java ... FaultChild writers duckdb_append w.duckdb a.parquet b.parquet     (two flows at once, one JVM)
 * </pre>
 */
public final class FaultChild {
    private FaultChild() {}

    public static void main(String[] args) {
        String mode = args[0];
        Kind kind = Kind.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
        String destination = args[2];
        List<String> sources = List.of(args).subList(3, args.length);
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            if (mode.equals("write")) {
                FlowResult result = hygge.run(flow(hygge, kind, destination, sources.get(0), "writer"));
                result.error().ifPresent(e -> {
                    throw e;
                });
                System.out.println("rows=" + result.rowsWritten());
            } else {
                List<Flow> flows = new ArrayList<>();
                for (int i = 0; i < sources.size(); i++) {
                    flows.add(flow(hygge, kind, destination, sources.get(i), "writer" + i));
                }
                RunResult run = hygge.run(flows, new RunOptions(flows.size(), true));
                for (FlowResult result : run.flows()) {
                    System.out.println(result.flow() + " " + result.status() + " rows=" + result.rowsWritten()
                            + result.error().map(e -> " error=" + e.getMessage()).orElse(""));
                }
                if (run.flows().stream().anyMatch(r -> r.error().isPresent())) {
                    System.exit(1);
                }
            }
        }
        System.exit(0);
    }

    /** The write of {@code kind} from the parquet file {@code source} into {@code destination}. */
    static Flow flow(Hygge hygge, Kind kind, String destination, String source, String name) {
        return hygge.flow(name).from("parquet", Map.of("path", source)).to(kind.store(), kind.options(destination))
                .lockTimeout(Duration.ofMinutes(5)).build();
    }
}
