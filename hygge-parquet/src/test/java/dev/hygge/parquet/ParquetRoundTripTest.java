package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRoundTripTest {
    @TempDir
    Path dir;

    static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory()));
    }

    @Test
    void allTypesComeBackWithTheirValues() {
        int rows = 25_000;
        try (Hygge hygge = runtime()) {
            FlowResult written = hygge.flow("all").from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(4_000).splits(2).build())
                    .to("parquet", Map.of("path", dir.toString())).run();
            assertThat(written.rowsWritten()).isEqualTo(rows);
            CollectingStore collected = new CollectingStore(4);
            hygge.flow("back").from("parquet", Map.of("path", dir.toString())).to(collected).run();
            List<List<Object>> expected = new ArrayList<>();
            try (RootAllocator allocator = new RootAllocator();
                 VectorSchemaRoot root = TestBatches.generate(TestBatches.allTypes(), allocator, 0, rows)) {
                expected.addAll(TestBatches.rows(root));
            }
            List<List<Object>> actual = new ArrayList<>(collected.committed());
            actual.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
            assertThat(actual).hasSize(rows);
            for (int i = 0; i < rows; i += 997) {
                assertThat(actual.get(i).toString()).isEqualTo(expected.get(i).toString());
            }
            assertThat(actual).isEqualTo(expected);
        }
    }
}
