package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.spi.ConfigException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The original hygge's {@code {flow_name}} and {@code {timestamp}} placeholders: the flow, and
 * when the write began; a file named at any earlier time is still found as this pattern's, so the
 * sequence continues across runs.
 */
class FilePatternTest {
    private static final Map<String, String> NAMES = Map.of("name", "orders", "flow", "sales", "entity", "orders",
            "timestamp", FilePattern.timestamp(Instant.parse("2026-01-05T09:30:00Z")));

    @Test
    void flowNameIsTheFlowAndTimestampWhenTheWriteBegan() {
        FilePattern pattern = FilePattern.parse("{flow_name}_{timestamp}_{sequence:04d}.parquet");
        assertThat(pattern.format(NAMES, 7)).isEqualTo("sales_20260105T093000Z_0007.parquet");
    }

    @Test
    void aFileOfAnEarlierWriteIsFoundByItsSequence() {
        FilePattern pattern = FilePattern.parse("{flow_name}_{timestamp}_{sequence:04d}.parquet");
        assertThat(pattern.sequenceOf("sales_20251231T235959Z_0003.parquet", NAMES)).hasValue(3);
        assertThat(pattern.sequenceOf("other_20251231T235959Z_0003.parquet", NAMES)).isEmpty();
        assertThat(pattern.sequenceOf("sales_yesterday_0003.parquet", NAMES)).isEmpty();
    }

    @Test
    void anUnknownPlaceholderNamesTheKnownOnes() {
        assertThat(catchThrowable(() -> FilePattern.parse("{flowname}_{sequence}.parquet"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("{flow_name} (the flow) and {timestamp} (when the write began)");
    }
}
