package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A relation scans each file's adjacent row ranges as at most four ranges of consecutive splits. */
class ParquetRelationTest {
    @Test
    void tenAdjacentRangesOfOneFileAreFourScansInOrder() {
        List<ParquetSplit> splits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            splits.add(new ParquetSplit("a", i * 100L, (i + 1) * 100L));
        }
        splits.add(ParquetSplit.whole("b"));
        assertThat(ParquetRelation.merged(splits)).containsExactly(new ParquetSplit("a", 0, 200),
                new ParquetSplit("a", 200, 500), new ParquetSplit("a", 500, 700), new ParquetSplit("a", 700, 1000),
                ParquetSplit.whole("b"));
    }

    @Test
    void fewRangesStayAsTheyAreAndWholeFilesAreNotJoined() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 100, 300),
                ParquetSplit.whole("b"), ParquetSplit.whole("b"), new ParquetSplit("c", 0, 100));
        assertThat(ParquetRelation.merged(splits)).isEqualTo(splits);
    }

    @Test
    void rangesDealtToOtherStreamsAreNotJoined() {
        List<ParquetSplit> splits = List.of(new ParquetSplit("a", 0, 100), new ParquetSplit("a", 200, 300),
                new ParquetSplit("a", 300, 400), new ParquetSplit("a", 400, 500), new ParquetSplit("a", 500, 600),
                new ParquetSplit("a", 600, 700));
        assertThat(ParquetRelation.merged(splits)).containsExactly(new ParquetSplit("a", 0, 100),
                new ParquetSplit("a", 200, 300), new ParquetSplit("a", 300, 400), new ParquetSplit("a", 400, 500),
                new ParquetSplit("a", 500, 700));
    }
}
