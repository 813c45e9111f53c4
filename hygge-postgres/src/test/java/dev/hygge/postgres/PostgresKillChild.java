package dev.hygge.postgres;

import dev.hygge.Hygge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child JVM of {@link PostgresKillTest}: writes {@code rows} rows of generation {@code gen}
 * (ids 1..rows, made by a query on the server) into {@code table}, printing {@code writing}
 * before and {@code done} after, so the parent can kill it in between.
 *
 * <p>Arguments: {@code table if_exists write_strategy gen rows}.
 */
public final class PostgresKillChild {
    private PostgresKillChild() {}

    public static void main(String[] args) {
        write(args[0], args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
        System.out.println("done");
        System.out.flush();
    }

    static void write(String table, String ifExists, String strategy, int generation, long rows) {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            Map<String, Object> store = new java.util.HashMap<>(Map.of("connection", "pg", "table", table, "if_exists", ifExists,
                    "write_strategy", strategy, "parallel_workers", 2));
            if (strategy.equals("merge")) {
                store.put("keys", List.of("id"));
            }
            System.out.println("writing");
            System.out.flush();
            hygge.flow("kill").from("postgres", Map.of("connection", "pg", "query",
                    "SELECT i AS id, " + generation + " AS gen, md5(i::text) AS pad FROM generate_series(1, " + rows + ") i",
                    "partition_column", "id", "partitions", 2))
                    .to("postgres", store).parallelism(2).run();
        }
    }

    /** The command that runs this class with the test's class path. */
    static List<String> command(String table, String ifExists, String strategy, int generation, long rows) {
        List<String> command = new ArrayList<>(List.of(Path.java(), "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                PostgresKillChild.class.getName(), table, ifExists, strategy, Integer.toString(generation), Long.toString(rows)));
        return command;
    }

    private static final class Path {
        static String java() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
