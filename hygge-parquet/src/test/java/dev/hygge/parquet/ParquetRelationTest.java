package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A relation scans each file's adjacent row ranges as the whole file when they hold every row of it, else as at most four ranges. */
class ParquetRelationTest {
    private static final java.util.Map<java.nio.file.Path, RowGroups.File> UNREAD = java.util.Map.of();

    @Test
    void tenAdjacentRangesOfPartOfAFileAreFourScansInOrder() {
        List<ParquetSplit> splits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            splits.add(new ParquetSplit("a", i * 100L, (i + 1) * 100L));
        }
        splits.add(ParquetSplit.whole("b"));
        assertThat(ParquetRelation.merged(splits, UNREAD)).containsExactly(new ParquetSplit("a", 0, 200),
                new ParquetSplit("a", 200, 500), new ParquetSplit("a", 500, 700), new ParquetSplit("a", 700, 1000),
                ParquetSplit.whole("b"));
    }

    /** Four ranges of a whole file load ~4 % slower than one scan of it: ranges of every row are the file. */
    @Test
    void aRangeOfEveryRowOfItsFileIsTheWholeFile() {
        java.util.Map<java.nio.file.Path, RowGroups.File> footers = java.util.Map.of(
                java.nio.file.Path.of("a"), new RowGroups.File(List.of(600L, 400L), List.of(true, true), 10),
                java.nio.file.Path.of("c"), new RowGroups.File(List.of(600L, 400L), List.of(true, true), 10));
        List<ParquetSplit> splits = new ArrayList<>(List.of(new ParquetSplit("c", 600, 1000)));
        for (int i = 0; i < 10; i++) {
            splits.add(new ParquetSplit("a", i * 100L, (i + 1) * 100L, 50));
        }
        splits.addAll(List.of(new ParquetSplit("d", 0, 100), new ParquetSplit("d", 100, 200)));
        assertThat(ParquetRelation.merged(splits, footers)).containsExactly(new ParquetSplit("c", 600, 1000),
                new ParquetSplit("a", 0, -1, 50), new ParquetSplit("d", 0, 100), new ParquetSplit("d", 100, 200));
        assertThat(ParquetRelation.merged(List.of(new ParquetSplit("c", 0, 600)), footers))
                .containsExactly(new ParquetSplit("c", 0, 600));
    }

    @Test
    void fewRangesStayAsTheyAreAndWholeFilesAreNotJoined() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 100, 300),
                ParquetSplit.whole("b"), ParquetSplit.whole("b"), new ParquetSplit("c", 0, 100));
        assertThat(ParquetRelation.merged(splits, UNREAD)).isEqualTo(splits);
    }

    @Test
    void rangesDealtToOtherStreamsAreNotJoined() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 200, 300),
                new ParquetSplit("a", 300, 400), new ParquetSplit("a", 400, 500), new ParquetSplit("a", 500, 600),
                new ParquetSplit("a", 600, 700));
        assertThat(ParquetRelation.merged(splits, UNREAD)).containsExactly(new ParquetSplit("a", 0, 100),
                new ParquetSplit("a", 200, 300), new ParquetSplit("a", 300, 400), new ParquetSplit("a", 400, 500),
                new ParquetSplit("a", 500, 700));
    }

    /** rows_per_file in-engine: consecutive groups of exactly that many rows across splits and files, the last fewer. */
    @Test
    void splitsAreCutIntoGroupsOfRowsAcrossFiles() {
        java.util.Map<java.nio.file.Path, RowGroups.File> footers = java.util.Map.of(
                java.nio.file.Path.of("a"), new RowGroups.File(List.of(600L, 400L), List.of(true, true), 10),
                java.nio.file.Path.of("b"), new RowGroups.File(List.of(250L), List.of(true), 10),
                java.nio.file.Path.of("e"), new RowGroups.File(List.of(0L), List.of(true), 10));
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 700), new ParquetSplit("a", 700, 1000),
                ParquetSplit.whole("e"), ParquetSplit.whole("b"));
        assertThat(ParquetRelation.cut(splits, footers, 400)).containsExactly(
                List.of(new ParquetSplit("a", 0, 400)),
                List.of(new ParquetSplit("a", 400, 700), new ParquetSplit("a", 700, 800)),
                List.of(new ParquetSplit("a", 800, 1000), new ParquetSplit("b", 0, 200)),
                List.of(new ParquetSplit("b", 200, 250)));
        assertThat(ParquetRelation.cut(splits, footers, 2_000)).containsExactly(
                List.of(new ParquetSplit("a", 0, 700), new ParquetSplit("a", 700, 1000), ParquetSplit.whole("b")));
    }
}
