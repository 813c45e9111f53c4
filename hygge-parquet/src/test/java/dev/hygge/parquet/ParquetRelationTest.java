package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A relation scans each file's adjacent row ranges as one range, and a range covering its file as the file. */
class ParquetRelationTest {
    private static final RowGroups.File THREE_GROUPS = new RowGroups.File(List.of(100L, 100L, 100L),
            List.of(true, true, true), 10.0, false);

    @Test
    void adjacentRangesOfOneFileAreOneScanAndTheWholeFileWhenTheyCoverIt() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 100, 200),
                new ParquetSplit("a", 200, 300), new ParquetSplit("b", 0, 100), new ParquetSplit("b", 100, 200),
                ParquetSplit.whole("c"), new ParquetSplit("d", 0, 100), new ParquetSplit("d", 200, 300));
        assertThat(ParquetRelation.merged(splits, Map.of(Path.of("a"), THREE_GROUPS, Path.of("b"), THREE_GROUPS)))
                .containsExactly(ParquetSplit.whole("a"), new ParquetSplit("b", 0, 200), ParquetSplit.whole("c"),
                        new ParquetSplit("d", 0, 100), new ParquetSplit("d", 200, 300));
    }

    @Test
    void withoutTheFootersRangesStayRanges() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 100, 300));
        assertThat(ParquetRelation.merged(splits, Map.of())).containsExactly(new ParquetSplit("a", 0, 300));
    }

    @Test
    void rangesDealtToOtherStreamsAreNotJoined() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 200, 300));
        assertThat(ParquetRelation.merged(splits, Map.of(Path.of("a"), THREE_GROUPS))).isEqualTo(splits);
    }
}
