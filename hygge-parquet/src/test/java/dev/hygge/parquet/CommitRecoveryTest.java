package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.spi.DestinationLock;
import dev.hygge.testkit.NoopStore;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class CommitRecoveryTest {
    @TempDir
    Path dir;

    private List<String> names(Path folder) {
        return ParquetStore.dataFiles(folder).stream().map(p -> folder.relativize(p).toString()).toList();
    }

    @Test
    void aCommitKilledBetweenRenamesIsCompletedByTheNextRun() throws Exception {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id FROM range(30000) t(i)) TO '" + source + "' (FORMAT parquet)");
        Path lake = dir.resolve("lake");
        DuckDbCheck.execute("COPY (SELECT -1 AS id) TO '" + Files.createDirectories(lake).resolve("copy_00000000000000000000.parquet")
                + "' (FORMAT parquet)");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InterruptedCommit.class.getName(), source.toString(), lake.toString(), "10000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        if (!child.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
        }
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(77);

        // killed after the first rename: the old file is moved aside, no new one is in yet, the journal is kept
        assertThat(names(lake)).isEmpty();
        try (var runs = Files.list(lake.resolve(Staging.ROOT))) {
            assertThat(runs.toList()).singleElement().satisfies(run -> assertThat(run.resolve("_journal")).exists());
        }

        // the next run into the destination completes the commit first, then appends its own file
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("copy").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", lake.toString())).parallelism(1).run();
        }
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet",
                "copy_00000000000000000002.parquet", "copy_00000000000000000003.parquet");
        assertThat(DuckDbCheck.count(lake + "/*.parquet")).isEqualTo(60_000);
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aCommitThatFailsBetweenRenamesKeepsItsJournalForTheNextRun() throws Exception {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id FROM range(20000) t(i)) TO '" + source + "' (FORMAT parquet)");
        Path lake = dir.resolve("lake");
        Staging.afterRename = () -> {
            throw new IllegalStateException("disk went away");
        };
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hygge.flow("copy").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", lake.toString(), "rows_per_file", 10_000)).parallelism(1).run())
                    .hasMessageContaining("disk went away");
        } finally {
            Staging.afterRename = () -> {};
        }
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet");
        Staging.recover(lake);
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet");
        assertThat(DuckDbCheck.count(lake + "/*.parquet")).isEqualTo(20_000);
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @ParameterizedTest(name = "fails after rename {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void aReplaceOverFilesOfTheSameNamesInterruptedMidwayIsCompleted(int failAfter) throws Exception {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id FROM range(20000) t(i)) TO '" + source + "' (FORMAT parquet)");
        Path lake = Files.createDirectories(dir.resolve("lake"));
        for (String old : List.of("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet")) {
            DuckDbCheck.execute("COPY (SELECT -1 AS id) TO '" + lake.resolve(old) + "' (FORMAT parquet)");
        }
        int[] renames = {0};
        // renames: move old files 0 and 1 aside, then move new files 0 and 1 in
        Staging.afterRename = () -> {
            if (++renames[0] == failAfter) {
                throw new IllegalStateException("disk went away");
            }
        };
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hygge.flow("copy").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", lake.toString(), "rows_per_file", 10_000, "if_exists", "replace"))
                    .parallelism(1).run())
                    .hasMessageContaining("disk went away");
        } finally {
            Staging.afterRename = () -> {};
        }
        Staging.recover(lake);
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet");
        assertThat(DuckDbCheck.count(lake + "/*.parquet")).isEqualTo(20_000);
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void stagedFilesOfARunThatNeverCommittedAreRemoved() throws Exception {
        Path lake = dir.resolve("lake");
        Path stale = Files.createDirectories(lake.resolve(Staging.ROOT).resolve("20250101T000000Z-abc-1"));
        Files.writeString(stale.resolve("s000-000000.parquet"), "half a file");
        Staging.recover(lake);
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
        assertThat(names(lake)).isEmpty();
    }

    @Test
    void aHomeReadingAFolderWithAnInterruptedCommitCompletesItFirst() throws Exception {
        Path lake = interruptedReplace();
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(hygge.flow("read").from("parquet", Map.of("path", lake.toString())).to(new NoopStore(2)).run().rowsRead())
                    .isEqualTo(20_000);
        }
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet");
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aHomeReadingOneFileOfSuchAFolderCompletesTheCommitFirst() throws Exception {
        Path lake = interruptedReplace();
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(hygge.flow("read").from("parquet", Map.of("path", lake.resolve("copy_00000000000000000001.parquet").toString()))
                    .to(new NoopStore(2)).run().rowsRead()).isEqualTo(10_000);
        }
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet");
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aHomeWaitsForTheWriterHoldingTheLockRatherThanReadAHalfCommit() throws Exception {
        Path lake = interruptedReplace();
        DestinationLock held = DestinationLock.acquire("parquet " + lake, lake.resolve("_hygge.lock"),
                new DestinationLock.Holder("run-9", "writer"), Duration.ZERO);
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
                // release now
            }
            held.close();
        });
        release.start();
        long started = System.nanoTime();
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThat(hygge.flow("read").from("parquet", Map.of("path", lake.getParent().toString())).to(new NoopStore(2))
                    .run().rowsRead()).isEqualTo(20_000);
        } finally {
            release.join();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    /** A replace of two 1-row files by two 10,000-row files that failed after its third rename: one new file is in. */
    private Path interruptedReplace() throws Exception {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id FROM range(20000) t(i)) TO '" + source + "' (FORMAT parquet)");
        Path lake = Files.createDirectories(dir.resolve("lake").resolve("copy"));
        for (String old : List.of("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet")) {
            DuckDbCheck.execute("COPY (SELECT -1 AS id) TO '" + lake.resolve(old) + "' (FORMAT parquet)");
        }
        int[] renames = {0};
        Staging.afterRename = () -> {
            if (++renames[0] == 3) {
                throw new IllegalStateException("disk went away");
            }
        };
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThatThrownBy(() -> hygge.flow("copy").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", lake.toString(), "rows_per_file", 10_000, "if_exists", "replace"))
                    .parallelism(1).run())
                    .hasMessageContaining("disk went away");
        } finally {
            Staging.afterRename = () -> {};
        }
        assertThat(lake.resolve(Staging.ROOT)).isDirectory();
        return lake;
    }
}
