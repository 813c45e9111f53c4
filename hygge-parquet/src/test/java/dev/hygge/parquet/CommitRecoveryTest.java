package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
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
        DuckDbCheck.execute("COPY (SELECT -1 AS id) TO '" + Files.createDirectories(lake).resolve("old_1.parquet") + "' (FORMAT parquet)");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InterruptedCommit.class.getName(), source.toString(), lake.toString(), "10000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(77);

        // killed after the first of three renames: one new file visible, the old one still there, the journal kept
        assertThat(names(lake)).containsExactly("copy_00000000000000000000.parquet", "old_1.parquet");
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
    @ValueSource(ints = {1, 2, 3})
    void aReplaceOverFilesOfTheSameNamesInterruptedMidwayIsCompleted(int failAfter) throws Exception {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id FROM range(20000) t(i)) TO '" + source + "' (FORMAT parquet)");
        Path lake = Files.createDirectories(dir.resolve("lake"));
        for (String old : List.of("copy_00000000000000000000.parquet", "copy_00000000000000000001.parquet")) {
            DuckDbCheck.execute("COPY (SELECT -1 AS id) TO '" + lake.resolve(old) + "' (FORMAT parquet)");
        }
        int[] renames = {0};
        // renames: move old file 0 aside, move new file 0 in, move old file 1 aside, move new file 1 in
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
    void aRunningWriteIsLeftAlone() {
        Path lake = dir.resolve("lake");
        try (Staging running = Staging.create(lake, "run-1")) {
            Staging.recover(lake);
            assertThat(running.folder()).exists();
        }
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }
}
