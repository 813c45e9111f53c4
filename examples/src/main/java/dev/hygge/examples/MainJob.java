package dev.hygge.examples;

import dev.hygge.Flow;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.RunOptions;
import dev.hygge.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job: generates a sample dataset (four entities, about 3.8 million rows of mixed
 * types with nulls) under {@code <data>/landing/<entity>/}, then moves it parquet → parquet into
 * {@code <data>/lake/<entity>/} with one hygge flow per entity, logging live progress and
 * printing a summary.
 *
 * <pre>{@code
 * examples/run-main-job.sh              # data under examples/data
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp ... dev.hygge.examples.MainJob /tmp/hygge-data
 * }</pre>
 */
public final class MainJob {
    private static final Logger LOG = LoggerFactory.getLogger(MainJob.class);

    /** Entity name → the DuckDB SELECT that generates its rows from {@code range(n) t(i)}. */
    static final Map<String, String> ENTITIES = new LinkedHashMap<>();

    static {
        ENTITIES.put("customers", "SELECT i AS customer_id, 'Customer ' || i AS name,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE 'c' || i || '@example.com' END AS email,"
                + " ['DK', 'SE', 'NO', 'DE', 'NL', 'US'][i % 6 + 1] AS country,"
                + " DATE '2015-01-01' + (i % 3650)::INTEGER AS signed_up, i % 11 <> 0 AS active"
                + " FROM range(250000) t(i)");
        ENTITIES.put("products", "SELECT i AS product_id, 'Product ' || i AS title,"
                + " ['home', 'garden', 'kitchen', 'outdoor', 'books'][i % 5 + 1] AS category,"
                + " (5 + (hash(i) % 50000) / 100.0)::DECIMAL(10,2) AS price,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE (hash(i) % 5000)::INTEGER END AS stock"
                + " FROM range(20000) t(i)");
        ENTITIES.put("orders", "SELECT i AS order_id, (hash(i) % 250000)::BIGINT AS customer_id,"
                + " make_timestamptz(1672531200000000 + i * 15000003) AS ordered_at,"
                + " ['new', 'paid', 'shipped', 'delivered', 'returned'][(hash(i) % 5)::INTEGER + 1] AS status,"
                + " ((hash(i * 7) % 100000) / 100.0)::DECIMAL(12,2) AS total,"
                + " CASE WHEN i % 23 = 0 THEN NULL ELSE 'note ' || (i % 1000) END AS note"
                + " FROM range(1500000) t(i)");
        ENTITIES.put("order_lines", "SELECT i AS line_id, i // 4 AS order_id, (hash(i) % 20000)::BIGINT AS product_id,"
                + " (1 + hash(i) % 5)::SMALLINT AS quantity, ((hash(i * 3) % 10000) / 100.0)::DOUBLE AS unit_price,"
                + " CASE WHEN i % 31 = 0 THEN NULL ELSE (hash(i) % 30)::TINYINT END AS discount_pct"
                + " FROM range(2000000) t(i)");
    }

    private MainJob() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "examples/data");
        Path landing = data.resolve("landing");
        Path lake = data.resolve("lake");
        generate(landing);

        List<Flow> flows = new ArrayList<>();
        try (Hygge hygge = Hygge.create()) {
            for (String entity : ENTITIES.keySet()) {
                flows.add(hygge.flow("landing_to_lake").entity(entity)
                        .from("parquet", Map.of("path", landing.toString(), "entity", entity))
                        .to("parquet", Map.of("path", lake.toString(), "compression", "zstd", "if_exists", "replace"))
                        .build());
            }
            RunResult result = hygge.run(flows, new RunOptions(2, false));
            System.out.println(summary(result));
            System.out.println("Wrote " + lake.toAbsolutePath() + "/<entity>/*.parquet");
            if (!result.succeeded()) {
                System.exit(1);
            }
        }
    }

    /** Writes each entity as parquet under {@code landing/<entity>/} unless it is already there. */
    static void generate(Path landing) throws Exception {
        for (Map.Entry<String, String> entity : ENTITIES.entrySet()) {
            Path file = landing.resolve(entity.getKey()).resolve(entity.getKey() + ".parquet");
            if (Files.exists(file)) {
                continue;
            }
            long start = System.nanoTime();
            Path partial = file.resolveSibling("_" + file.getFileName());
            SampleData.run("COPY (" + entity.getValue() + ") TO '" + partial.toAbsolutePath() + "' (FORMAT parquet, COMPRESSION snappy)",
                    partial);
            Files.move(partial, file);
            LOG.info("generated {} in {} ms", file, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The summary table: flow, rows, seconds, rows/s, status. */
    static String summary(RunResult result) {
        StringBuilder table = new StringBuilder();
        String format = "%-30s %12s %9s %12s  %s%n";
        table.append(String.format(format, "flow", "rows", "seconds", "rows/s", "status"));
        table.append("-".repeat(78)).append('\n');
        for (FlowResult flow : result.flows()) {
            table.append(String.format(format, flow.label(), String.format("%,d", flow.rowsWritten()),
                    String.format("%.2f", flow.duration().toNanos() / 1e9), String.format("%,.0f", flow.rowsPerSecond()),
                    flow.status() + flow.error().map(e -> ": " + e.getMessage()).orElse("")));
        }
        table.append("-".repeat(78)).append('\n');
        table.append(String.format(format, "total", String.format("%,d", result.rowsWritten()),
                String.format("%.2f", result.duration().toNanos() / 1e9), String.format("%,.0f", result.rowsPerSecond()),
                result.succeeded() ? "SUCCEEDED" : result.failed().size() + " FAILED"));
        return table.toString();
    }
}
