package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Child JVMs writing a PostgreSQL table through two COPY streams, killed ({@code destroyForcibly})
 * at random moments of their write (every other kill in its last fifth, where the staged rows are
 * applied); after each kill the table holds the old rows or the new ones, never a mix, and a normal
 * run then writes as if nothing had happened and leaves no staging table: the server rolls back the
 * killed session and ends its advisory lock, so the next write, holding the lock, knows the killed
 * write's staging table is nobody's and drops it. The seed is printed ({@code -Dkill.seed=}).
 */
@ExtendWith(PostgresServer.class)
class PostgresKillTest {
    private static final int TRIALS = Integer.getInteger("kill.trials", 3);
    private static final long ROWS = 200_000;
    private String schema;

    @BeforeEach
    void createSchema() throws Exception {
        schema = PostgresServer.freshSchema("hygge_kill");
    }

    @AfterEach
    void dropSchema() throws Exception {
        PostgresServer.dropSchema(schema);
    }

    private Map<Integer, Long> generations() throws Exception {
        Map<Integer, Long> rows = new TreeMap<>();
        for (String row : PostgresRoundTripTest.query("SELECT gen || ':' || count(*) FROM " + schema + ".t GROUP BY gen")) {
            String[] parts = row.split(":");
            rows.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }
        return rows;
    }

    private static Map<Integer, Long> after(Map<Integer, Long> before, String strategy, String ifExists, int generation) {
        boolean adds = ifExists.equals("append") && !strategy.equals("merge");
        Map<Integer, Long> next = new TreeMap<>(adds ? before : Map.of());
        next.put(generation, ROWS);
        return next;
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"temp_swap, replace", "temp_swap, append", "merge, append"})
    void killedWritesLeaveOldOrNew(String strategy, String ifExists) throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        Random random = new Random(seed);
        String table = schema + ".t";
        PostgresKillChild.write(table, ifExists, strategy, 0, ROWS);
        Map<Integer, Long> state = generations();
        long window = 0;
        int killedOld = 0;
        int killedNew = 0;
        for (int trial = 1; trial <= TRIALS + 1; trial++) {
            int generation = trial * 2 - 1;
            String at = strategy + "/" + ifExists + " trial " + trial + " (seed " + seed + ")";
            Process child = new ProcessBuilder(PostgresKillChild.command(table, ifExists, strategy, generation, ROWS))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException e) {
                    // killed mid-line
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
                // not killed: how long it takes sets the window the kills fall into
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(at).isTrue();
                window = (System.nanoTime() - writing) / 1_000_000;
            } else if (trial % 2 == 0) {
                TimeUnit.MILLISECONDS.sleep(random.nextLong(window + 1));
            } else {
                TimeUnit.MILLISECONDS.sleep(window * 4 / 5 + random.nextLong(window / 5 + 1));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(at).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            boolean done = lines.stream().anyMatch(l -> l.startsWith("done"));
            // the server notices the dead session and rolls its transaction back; give it a moment
            TimeUnit.MILLISECONDS.sleep(300);
            Map<Integer, Long> now = generations();
            Map<Integer, Long> written = after(state, strategy, ifExists, generation);
            assertThat(now).as(at + ": old or new, never a mix").isIn(state, written);
            if (done) {
                assertThat(now).as(at + ": reported done").isEqualTo(written);
            } else if (now.equals(written)) {
                killedNew++;
            } else {
                killedOld++;
            }
            state = now;
            PostgresKillChild.write(table, ifExists, strategy, generation + 1, ROWS);
            Map<Integer, Long> repaired = after(state, strategy, ifExists, generation + 1);
            assertThat(generations()).as(at + ": the normal run after the kill").isEqualTo(repaired);
            assertThat(stagingTables()).as(at + ": staging left over after the normal run").isEqualTo("0");
            state = repaired;
        }
        System.out.printf("kill trials %s/%s: %d in a %d ms window, killed before commit %d, after %d (seed %d)%n",
                strategy, ifExists, TRIALS, window, killedOld, killedNew, seed);
    }

    private String stagingTables() throws Exception {
        return PostgresRoundTripTest.query("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                + "' AND tablename LIKE 'hygge\\_stage\\_%'").get(0);
    }
}
