package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.parquet.faults.ChildJvm;
import dev.hygge.parquet.faults.ParquetFaultChild;
import dev.hygge.testkit.NoopStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child JVMs running a replace or an append over old data are killed ({@code destroyForcibly})
 * at random moments, half of them inside the commit; then the folder is read (the Home repairs
 * it) or written (the next write repairs it). What is read is the old data or the new data
 * (append: old, or old + new) exactly, never a mix, and no staging folder is left.
 */
class KilledWriteTest {
    private static final Logger LOG = LoggerFactory.getLogger(KilledWriteTest.class);
    private static final int TRIALS = 12;
    private static final long OLD = 30_000;
    private static final long NEW = 50_000;
    private static final long EXTRA = 10_000;
    private static final String FILES = "faults_*.parquet";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"replace", "append"})
    void aKilledWriteLeavesTheOldOrTheNewDataAfterRepairNeverAMix(String mode) throws Exception {
        Map<String, Object> old;
        Map<String, Object> updated;
        try (Hygge hygge = ParquetFaultChild.runtime()) {
            Path reference = dir.resolve("reference");
            write(hygge, reference, OLD, "replace");
            old = DuckDbCheck.checksums(reference.resolve(FILES).toString());
            write(hygge, reference, NEW, mode);
            updated = DuckDbCheck.checksums(reference.resolve(FILES).toString());
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            Path lake = dir.resolve(mode + "-" + trial);
            try (Hygge hygge = ParquetFaultChild.runtime()) {
                write(hygge, lake, OLD, "replace");
            }
            ChildJvm child = ChildJvm.start(dir, mode, lake.toString(), Long.toString(NEW), "10000", "10");
            assertThat(child.await("started", Duration.ofMinutes(1))).as(child.describe()).isTrue();
            boolean inCommit = trial % 2 == 1;
            if (inCommit) {
                // 3 old files moved aside and 5 new ones moved in at 10 ms per rename: kill inside that window
                assertThat(child.await("committing", Duration.ofMinutes(1))).as(child.describe()).isTrue();
                Thread.sleep(random.nextInt(100));
            } else {
                Thread.sleep(random.nextInt(1_500));
            }
            child.kill();

            boolean repairByRead = (trial / 2) % 2 == 0;
            String where = "trial " + trial + " (seed " + seed + ", " + (inCommit ? "killed in the commit" : "killed at random")
                    + ", repaired by " + (repairByRead ? "a read" : "a write") + ")";
            try (Hygge hygge = ParquetFaultChild.runtime()) {
                if (repairByRead) {
                    long read = hygge.flow("check").from("parquet", Map.of("path", lake.toString())).to(new NoopStore(2))
                            .run().rowsRead();
                    assertThat(read).as(where).isIn(OLD, mode.equals("append") ? OLD + NEW : NEW);
                } else {
                    hygge.flow("extra").from(ParquetFaultChild.home(EXTRA)).to("parquet", Map.of("path", lake.toString()))
                            .run();
                    assertThat(DuckDbCheck.count(lake.resolve("extra_*.parquet").toString())).as(where).isEqualTo(EXTRA);
                }
            }
            Map<String, Object> found = DuckDbCheck.checksums(lake.resolve(FILES).toString());
            assertThat(found).as(where).isIn(old, updated);
            assertThat(lake.resolve(Staging.ROOT)).as(where).doesNotExist();
            try (Stream<Path> files = Files.list(lake)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as(where).allMatch(name -> name.endsWith(".parquet") || name.equals("_hygge.lock"));
            }
            outcomes.add(found.equals(old) ? "old" : "new");
        }
        LOG.info("{}: {} kills (seed {}): {}", mode, TRIALS, seed, outcomes);
    }

    private static void write(Hygge hygge, Path folder, long rows, String mode) {
        hygge.flow("faults").from(ParquetFaultChild.home(rows))
                .to("parquet", Map.of("path", folder.toString(), "if_exists", mode, "rows_per_file", 10_000))
                .parallelism(2).run();
    }
}
