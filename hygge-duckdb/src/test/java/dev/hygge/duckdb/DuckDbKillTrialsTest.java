package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.duckdb.faults.DuckDbFaultChild;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs writing a DuckDB file table, killed ({@code destroyForcibly}) at random moments of
 * their write (every other kill in its last fifth, where the staged rows are applied and
 * committed); after each kill the table holds the old rows or the new ones, never a mix, and a
 * normal run then writes and leaves nothing over: no {@code hygge_stage_*} table, no file beside
 * the database. The seed is printed, so a failing trial can be replayed ({@code -Dkill.seed=}).
 */
class DuckDbKillTrialsTest {
    private static final int TRIALS = Integer.getInteger("kill.trials", 10);
    private static final long ROWS = 50_000;

    @TempDir
    Path dir;

    /** Rows per generation, as the table holds them now. */
    private static Map<Integer, Long> generations(Path file) {
        return DuckDb.query(file, "SELECT gen, count(*) FROM t GROUP BY gen").stream()
                .collect(Collectors.toMap(r -> ((Number) r.get(0)).intValue(), r -> ((Number) r.get(1)).longValue(),
                        (a, b) -> a, TreeMap::new));
    }

    private static void write(Path file, String ifExists, String strategy, int generation, boolean state, boolean incremental) {
        try (Hygge hygge = DuckDbFaultChild.runtime()) {
            if (state) {
                DuckDbFaultChild.writeWithState(hygge, DuckDbFaultChild.store(file, "t", ifExists, strategy), generation, ROWS,
                        incremental);
                return;
            }
            hygge.flow("repair").from("duckdb", Map.of("path", ":memory:", "query", DuckDbFaultChild.query(generation, ROWS)))
                    .to("duckdb", DuckDbFaultChild.store(file, "t", ifExists, strategy)).run();
        }
    }

    /** The state after a write of {@code generation} into {@code before}: replace and merge swap every row, append adds. */
    private static Map<Integer, Long> after(Map<Integer, Long> before, String strategy, String ifExists, int generation) {
        // every generation has the same ids, so a merge on id replaces every row
        boolean adds = ifExists.equals("append") && !strategy.equals("merge");
        Map<Integer, Long> next = new TreeMap<>(adds ? before : Map.of());
        next.put(generation, ROWS);
        return next;
    }

    /**
     * The state committed with the rows, as the next incremental run reads it: the generation of
     * the newest rows the table holds, or none before any write kept one.
     */
    private static Optional<String> committedState(Path file, String ifExists, String strategy) {
        try (Hygge hygge = DuckDbFaultChild.runtime()) {
            return DuckDbFaultChild.committedState(hygge, DuckDbFaultChild.store(file, "t", ifExists, strategy));
        }
    }

    /**
     * With {@code state}, each write commits its generation as the table's state ({@code hygge_state}),
     * as an incremental flow commits its watermark: after every kill the state names the newest
     * generation the table holds, never one whose rows are missing nor an older one beside newer rows.
     * An incremental write's single-stream append loads the table inside the transaction that commits
     * the state (no staging table): a kill anywhere in it leaves both as they were.
     */
    @ParameterizedTest(name = "{0} / {1}{2}")
    @CsvSource({"temp_swap, replace, ''", "temp_swap, append, ''", "merge, append, ''", "temp_swap, append, ' with state'",
            "merge, append, ' with state'", "temp_swap, append, ' incremental with state'"})
    void killedWritesLeaveOldOrNewAndTheNextRunLeavesNothingOver(String strategy, String ifExists, String withState)
            throws Exception {
        boolean keepsState = !withState.isBlank();
        boolean incremental = withState.contains("incremental");
        long seed = Long.getLong("kill.seed", System.nanoTime());
        Random random = new Random(seed);
        Path file = dir.resolve("w.duckdb");
        write(file, ifExists, strategy, 0, keepsState, incremental);
        Map<Integer, Long> state = generations(file);
        // the first trial is not killed: how long it writes sets the window the kills fall into
        long window = 0;
        int killedOld = 0;
        int killedNew = 0;
        int finished = 0;
        for (int trial = 1; trial <= TRIALS; trial++) {
            int generation = trial * 2 - 1;
            String at = strategy + "/" + ifExists + " trial " + trial + " (seed " + seed + ")";
            Process child = new ProcessBuilder(DuckDbFaultChild.command(file, "t", ifExists, strategy, generation, ROWS,
                    keepsState ? (incremental ? "incremental-state" : "state") : null))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException e) {
                    // the child was killed mid-line
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!lines.contains("writing") && child.isAlive() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertThat(lines).as(at).contains("writing");
            long writing = System.nanoTime();
            if (trial == 1) {
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(at).isTrue();
                window = (System.nanoTime() - writing) / 1_000_000 * 11 / 10;
            } else if (trial % 2 == 0) {
                TimeUnit.MILLISECONDS.sleep(random.nextLong(window + 1));
            } else {
                // the last fifth of the write, where the staged rows are applied and committed
                TimeUnit.MILLISECONDS.sleep(window * 4 / 5 + random.nextLong(window / 5 + 1));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(at).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            boolean done = lines.stream().anyMatch(l -> l.startsWith("done"));

            Map<Integer, Long> now = generations(file);
            Map<Integer, Long> written = after(state, strategy, ifExists, generation);
            assertThat(now).as(at + ": old or new, never a mix").isIn(state, written);
            if (done) {
                assertThat(now).as(at + ": reported done").isEqualTo(written);
                finished++;
            } else if (now.equals(written)) {
                killedNew++;
            } else {
                killedOld++;
            }
            if (keepsState) {
                assertThat(committedState(file, ifExists, strategy)).as(at + ": the state kept with the rows")
                        .contains("gen-" + ((TreeMap<Integer, Long>) now).lastKey());
            }
            state = now;

            write(file, ifExists, strategy, generation + 1, keepsState, incremental);
            Map<Integer, Long> repaired = after(state, strategy, ifExists, generation + 1);
            assertThat(generations(file)).as(at + ": the normal run after the kill").isEqualTo(repaired);
            assertThat(DuckDb.stagingTables(file)).as(at + ": staging left over").isZero();
            if (keepsState) {
                assertThat(committedState(file, ifExists, strategy)).as(at + ": the state after the normal run")
                        .contains("gen-" + (generation + 1));
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).toList()).as(at + ": files beside the database")
                        .isEqualTo(List.of("w.duckdb"));
            }
            state = repaired;
        }
        System.out.printf("kill trials %s/%s%s: %d in a %d ms window, killed before commit %d, killed after commit %d,"
                + " finished %d (seed %d)%n", strategy, ifExists, withState, TRIALS, window, killedOld, killedNew, finished, seed);
    }
}
