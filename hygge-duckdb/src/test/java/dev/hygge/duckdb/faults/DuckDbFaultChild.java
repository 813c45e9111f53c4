package dev.hygge.duckdb.faults;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.duckdb.DuckDbConnectionFactory;
import dev.hygge.duckdb.DuckDbHomeFactory;
import dev.hygge.duckdb.DuckDbStoreFactory;
import dev.hygge.spi.Options;
import dev.hygge.duckdb.DuckDbHomeOptions;
import dev.hygge.duckdb.DuckDbStoreOptions;
import dev.hygge.spi.Home;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsState;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.StateKeepingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A child JVM that writes one generation of rows into a DuckDB file table, for kill trials: the
 * parent starts it, waits for {@code writing} on stdout, kills it ({@code destroyForcibly}) at a
 * moment of its choosing, then repairs with a normal run and reads the table back.
 *
 * <pre>
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp &lt;test class path&gt; dev.hygge.duckdb.faults.DuckDbFaultChild \
 *      &lt;database file&gt; &lt;table&gt; &lt;if_exists&gt; &lt;write_strategy&gt; &lt;generation&gt; &lt;rows&gt; [hold|state]
 * </pre>
 *
 * <p>Rows are {@code (id BIGINT, gen INTEGER, pad VARCHAR)} with ids {@code 0..rows-1} and
 * {@code gen = generation} (see {@link #query}); {@code merge} uses {@code keys: [id]}. Prints
 * {@code writing} when the flow starts and {@code done <rows>} when it has committed (exit 0).
 * With {@code hold}, the child begins the write through the Store API, prints {@code staged} once
 * the staging table exists, and then loads a source that never ends, until it is killed. With
 * {@code state}, the write commits the state {@code hygge.watermark = gen-<generation>} with its
 * rows ({@link #STATE_KEY}), as an incremental flow's does.
 */
public final class DuckDbFaultChild {
    /** The key a {@code state} write keeps its generation under. */
    public static final String STATE_KEY = "hygge.watermark";

    private DuckDbFaultChild() {}

    /**
     * Writes one generation as the {@code state} child does: the rows and, in their commit, the
     * state {@code gen-<generation>}.
     */
    public static long writeWithState(Hygge hygge, Map<String, Object> store, int generation, long rows) {
        return writeWithState(hygge, store, generation, rows, false);
    }

    /**
     * {@link #writeWithState} as an incremental run's write ({@link WriteRequest#incremental()}): a
     * single-stream append then loads the table inside the transaction that commits the state.
     */
    public static long writeWithState(Hygge hygge, Map<String, Object> store, int generation, long rows, boolean incremental) {
        Map<String, Object> home = Map.of("path", ":memory:", "query", query(generation, rows), "batch_size", 10_000);
        DuckDbStoreOptions options = Options.bind(store, DuckDbStoreOptions.class, "trial");
        try (Store target = new DuckDbStoreFactory().create(options, hygge.context())) {
            return hygge.flow("trial").from("duckdb", home)
                    .to(new StateKeepingStore(target, Map.of(STATE_KEY, "gen-" + generation), incremental)).run().rowsWritten();
        }
    }

    /** The state committed with the table's rows, read as the next incremental run reads it. */
    public static Optional<String> committedState(Hygge hygge, Map<String, Object> store) {
        DuckDbStoreOptions options = Options.bind(store, DuckDbStoreOptions.class, "trial");
        try (Store target = new DuckDbStoreFactory().create(options, hygge.context())) {
            return ((SupportsState) target).committedState("trial", Optional.empty(), STATE_KEY);
        }
    }

    /** The source of one generation: {@code rows} rows, every {@code gen} equal to {@code generation}. */
    public static String query(int generation, long rows) {
        return "SELECT range AS id, " + generation + " AS gen, repeat('x', 40) AS pad FROM range(" + rows + ")";
    }

    /** The Store options of a trial write. */
    public static Map<String, Object> store(Path file, String table, String ifExists, String strategy) {
        Map<String, Object> store = new HashMap<>();
        store.put("path", file.toString());
        store.put("table", table);
        store.put("if_exists", ifExists);
        store.put("write_strategy", strategy);
        if (strategy.equals("merge")) {
            store.put("keys", List.of("id"));
        }
        return store;
    }

    /** A runtime with the DuckDB plugins only. */
    public static Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).store(new DuckDbStoreFactory())
                        .connection(new DuckDbConnectionFactory()).build())
                .progressInterval(null)
                .build();
    }

    /** The command line that starts this child with the current JVM and class path. */
    public static List<String> command(Path file, String table, String ifExists, String strategy, int generation, long rows,
                                       boolean hold) {
        return command(file, table, ifExists, strategy, generation, rows, hold ? "hold" : null);
    }

    /** The command line with a last argument of {@code hold}, {@code state}, {@code incremental-state} or none ({@code null}). */
    public static List<String> command(Path file, String table, String ifExists, String strategy, int generation, long rows,
                                       String mode) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DuckDbFaultChild.class.getName(), file.toString(), table, ifExists, strategy, Integer.toString(generation),
                Long.toString(rows)));
        if (mode != null) {
            command.add(mode);
        }
        return command;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int generation = Integer.parseInt(args[4]);
        long rows = Long.parseLong(args[5]);
        Map<String, Object> store = store(file, args[1], args[2], args[3]);
        try (Hygge hygge = runtime()) {
            System.out.println("writing");
            System.out.flush();
            if (args.length > 6 && args[6].equals("hold")) {
                hold(hygge, store, generation);
                return;
            }
            if (args.length > 6 && args[6].endsWith("state")) {
                System.out.println("done " + writeWithState(hygge, store, generation, rows, args[6].equals("incremental-state")));
                return;
            }
            Map<String, Object> home = Map.of("path", ":memory:", "query", query(generation, rows), "batch_size", 10_000);
            var result = hygge.flow("trial").from("duckdb", home).to("duckdb", store).run();
            System.out.println("done " + result.rowsWritten());
        }
    }

    /** Begins a write, says {@code staged} once its staging table exists, then loads rows that never end. */
    private static void hold(Hygge hygge, Map<String, Object> values, int generation) throws Exception {
        DuckDbStoreOptions options = Options.bind(values, DuckDbStoreOptions.class, "hold");
        DuckDbHomeOptions source = Options.bind(Map.of("path", ":memory:", "query", query(generation, Long.MAX_VALUE),
                "batch_size", 1_000), DuckDbHomeOptions.class, "hold");
        try (BufferAllocator allocator = new RootAllocator();
             Home home = new DuckDbHomeFactory().create(source, hygge.context());
             Store target = new DuckDbStoreFactory().create(options, hygge.context());
             ArrowReader reader = home.open(home.splits().get(0), allocator)) {
            Schema schema = reader.getVectorSchemaRoot().getSchema();
            StoreWrite write = target.begin(new WriteRequest("trial", Optional.empty(), schema, 1, List.of(), "hold"));
            System.out.println("staged");
            System.out.flush();
            write.consume(reader);
        }
    }
}
