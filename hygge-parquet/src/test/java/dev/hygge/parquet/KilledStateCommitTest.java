package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.parquet.faults.ChildJvm;
import dev.hygge.parquet.faults.ParquetFaultChild;
import dev.hygge.parquet.faults.StateFaultChild;
import dev.hygge.spi.Store;
import dev.hygge.spi.SupportsState;
import dev.hygge.testkit.NoopStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child JVMs committing files with the state of an incremental load ({@link StateFaultChild}) are
 * killed ({@code destroyForcibly}) inside the commit, at random moments of its renames (old files
 * aside, new files in, the state file last); then the destination is repaired by the next reader
 * of its state, a read of its files, or the next write. Files and state always agree: the old
 * files with the old state, or the new files with the new state, never new files with the old
 * watermark (the next run would load them twice) nor the new watermark without them (it would skip
 * them).
 */
class KilledStateCommitTest {
    private static final Logger LOG = LoggerFactory.getLogger(KilledStateCommitTest.class);
    private static final int TRIALS = 9;
    private static final long OLD = 30_000;
    private static final long NEW = 50_000;
    private static final String FILES = "faults_*.parquet";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"replace", "append"})
    void aKilledCommitLeavesFilesAndStateAgreeing(String mode) throws Exception {
        Map<String, Object> old;
        Map<String, Object> updated;
        try (Hygge hygge = ParquetFaultChild.runtime()) {
            Path reference = dir.resolve("reference");
            StateFaultChild.write(hygge, reference.toString(), "replace", OLD, 10_000, "old");
            old = DuckDbCheck.checksums(reference.resolve(FILES).toString());
            StateFaultChild.write(hygge, reference.toString(), mode, NEW, 10_000, "new");
            updated = DuckDbCheck.checksums(reference.resolve(FILES).toString());
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            Path lake = dir.resolve(mode + "-" + trial);
            try (Hygge hygge = ParquetFaultChild.runtime()) {
                StateFaultChild.write(hygge, lake.toString(), "replace", OLD, 10_000, "old");
            }
            ChildJvm child = ChildJvm.start(dir, StateFaultChild.class, mode, lake.toString(), Long.toString(NEW), "10000",
                    "10", "new");
            assertThat(child.await("committing", Duration.ofMinutes(1))).as(child.describe()).isTrue();
            // replace: 3 old files aside, 5 new ones in, the state file: 9 renames at 10 ms each; append: 6
            Thread.sleep(random.nextInt(mode.equals("replace") ? 110 : 80));
            child.kill();

            String repair = switch (trial % 3) {
                case 0 -> "the next reader of the state";
                case 1 -> "a read of the files";
                default -> "the next write";
            };
            String where = "trial " + trial + " (seed " + seed + ", repaired by " + repair + ")";
            Optional<String> state;
            try (Hygge hygge = ParquetFaultChild.runtime()) {
                if (trial % 3 == 1) {
                    hygge.flow("check").from("parquet", Map.of("path", lake.toString())).to(new NoopStore(2)).run();
                } else if (trial % 3 == 2) {
                    hygge.flow("extra").from(ParquetFaultChild.home(1_000)).to("parquet", Map.of("path", lake.toString())).run();
                }
                state = committedState(hygge, lake);
            }
            Map<String, Object> found = DuckDbCheck.checksums(lake.resolve(FILES).toString());
            assertThat(found).as(where).isIn(old, updated);
            assertThat(state).as(where + ": the state kept with " + (found.equals(old) ? "the old" : "the new") + " files")
                    .contains(found.equals(old) ? "old" : "new");
            assertThat(lake.resolve(Staging.ROOT)).as(where).doesNotExist();
            outcomes.add(found.equals(old) ? "old" : "new");
        }
        LOG.info("{}: {} kills in the commit (seed {}): {}", mode, TRIALS, seed, outcomes);
        System.out.println(mode + ": " + TRIALS + " kills in the commit (seed " + seed + "): " + outcomes);
    }

    private static Optional<String> committedState(Hygge hygge, Path lake) {
        try (Store store = ParquetStateTest.store(hygge, Map.of("path", lake.toString()))) {
            return ((SupportsState) store).committedState("faults", Optional.empty(), StateFaultChild.KEY);
        }
    }
}
