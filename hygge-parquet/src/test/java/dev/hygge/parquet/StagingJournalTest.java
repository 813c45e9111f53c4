package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit journal holds any file name, and journals of the first format are still applied. */
class StagingJournalTest {
    @TempDir
    Path dir;

    private static String relative(Path destination, Path file) {
        return destination.relativize(file).toString();
    }

    @Test
    void namesWithTabsNewlinesAndBackslashesAreCommittedWhole() throws Exception {
        Path lake = dir.resolve("lake");
        List<String> names = List.of("tab\tname_0.parquet", "new\nline_1.parquet", "back\\slash \\t_2.parquet",
                "cr\r\nlf_3.parquet", "ünï😀_4.parquet");
        Files.createDirectories(lake);
        Files.writeString(lake.resolve("tab\tname_old.parquet"), "old");
        try (Staging staging = Staging.create(lake, "run-1")) {
            List<Staging.Move> moves = new java.util.ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Path staged = staging.folder().resolve("s000-00000" + i + ".parquet");
                Files.writeString(staged, "file " + i);
                moves.add(new Staging.Move(relative(lake, staged), names.get(i)));
            }
            staging.commit(moves, List.of("tab\tname_old.parquet"));
        }
        for (int i = 0; i < names.size(); i++) {
            assertThat(lake.resolve(names.get(i))).hasContent("file " + i);
        }
        try (var files = Files.list(lake)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void anInterruptedCommitOfSuchNamesIsCompletedByRecovery() throws Exception {
        Path lake = dir.resolve("lake");
        String name = "a\tb\nc_0.parquet";
        int[] renames = {0};
        Staging.afterRename = () -> {
            if (++renames[0] == 1) {
                throw new IllegalStateException("killed");
            }
        };
        try (Staging staging = Staging.create(lake, "run-1")) {
            Path one = Files.writeString(staging.folder().resolve("s000-000000.parquet"), "one");
            Path two = Files.writeString(staging.folder().resolve("s000-000001.parquet"), "two");
            staging.commit(List.of(new Staging.Move(relative(lake, one), name),
                    new Staging.Move(relative(lake, two), "x\ty_1.parquet")), List.of());
        } catch (IllegalStateException expected) {
            // the commit is decided: its journal stays for recovery
        } finally {
            Staging.afterRename = () -> {};
        }
        Staging.recover(lake);
        assertThat(lake.resolve(name)).hasContent("one");
        assertThat(lake.resolve("x\ty_1.parquet")).hasContent("two");
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aJournalOfTheFirstFormatIsStillApplied() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Files.writeString(lake.resolve("t_00000000000000000000.parquet"), "old 0");
        Files.writeString(lake.resolve("t_00000000000000000001.parquet"), "old 1");
        Path run = Files.createDirectories(lake.resolve(Staging.ROOT).resolve("20250101T000000Z-abcdef-1"));
        Files.writeString(run.resolve("s000-000000.parquet"), "new 0");
        Files.writeString(run.resolve("_lock"), "");
        String staged = Staging.ROOT + "/20250101T000000Z-abcdef-1/s000-000000.parquet";
        Files.write(run.resolve("_journal"), List.of("hygge-commit 1", "move\t" + staged + "\tt_00000000000000000000.parquet",
                "delete\tt_00000000000000000001.parquet"), StandardCharsets.UTF_8);
        Staging.recover(lake);
        assertThat(lake.resolve("t_00000000000000000000.parquet")).hasContent("new 0");
        assertThat(lake.resolve("t_00000000000000000001.parquet")).doesNotExist();
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aMoveNeverReplacesAFileThatAppearedAfterTheCommitWasDecided() throws Exception {
        Path lake = dir.resolve("lake");
        Path staged;
        Staging staging = Staging.create(lake, "run-1");
        staged = Files.writeString(staging.folder().resolve("s000-000000.parquet"), "new");
        // a file of the same name arrives between the decision and the rename (not through hygge: hygge holds the lock)
        Staging.beforeCommit = () -> {
            try {
                Files.writeString(lake.resolve("t_0.parquet"), "someone else's");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> staging.commit(
                            List.of(new Staging.Move(relative(lake, staged), "t_0.parquet")), List.of()))
                    .isInstanceOf(dev.hygge.spi.StoreException.class)
                    .hasMessageContaining(lake.resolve("t_0.parquet") + " already exists and this commit did not write it");
        } finally {
            Staging.beforeCommit = () -> {};
            staging.close();
        }
        assertThat(lake.resolve("t_0.parquet")).hasContent("someone else's");
        assertThat(staged).hasContent("new"); // kept with its journal for the next run, once the file is moved away
        Files.delete(lake.resolve("t_0.parquet"));
        Staging.recover(lake);
        assertThat(lake.resolve("t_0.parquet")).hasContent("new");
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void aJournalCutShortIsRefusedNotHalfApplied() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Path run = Files.createDirectories(lake.resolve(Staging.ROOT).resolve("run-1"));
        Files.writeString(run.resolve("s000-000000.parquet"), "new");
        Files.write(run.resolve("_journal"), List.of(CommitJournal.HEADER,
                "move\t" + Staging.ROOT + "/run-1/s000-000000.parquet\tt_0.parquet"), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Staging.recover(lake))
                .isInstanceOf(dev.hygge.spi.StoreException.class)
                .hasMessageContaining(run.resolve("_journal").toString()).hasMessageContaining("no end line");
        assertThat(lake.resolve("t_0.parquet")).doesNotExist();
    }

    @Test
    void escapingRoundTripsEveryCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x250; c++) {
            all.append(c);
        }
        all.append("\\t\\n\\\\u0041 😀");
        String escaped = CommitJournal.escape(all.toString());
        assertThat(escaped).doesNotContain("\t", "\n", "\r");
        assertThat(CommitJournal.unescape(escaped)).isEqualTo(all.toString());
    }
}
