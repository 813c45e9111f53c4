package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parquet → DuckDB → parquet keeps every value of the test kit's all-types table. */
class ParquetRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void parquetToDuckDbToParquetKeepsEveryValue() {
        int rows = 20_000;
        Path in = dir.resolve("in");
        Path database = dir.resolve("w.duckdb");
        Path out = dir.resolve("out");
        CollectingStore back = new CollectingStore(1);
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new ParquetHomeFactory()).home(new DuckDbHomeFactory())
                        .store(new ParquetStoreFactory()).store(new DuckDbStoreFactory()).build())
                .progressInterval(null).build()) {
            hygge.flow("make").from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(3_000).build())
                    .to("parquet", Map.of("path", in.toString())).run();
            hygge.flow("load").from("parquet", Map.of("path", in.toString()))
                    .to("duckdb", Map.of("path", database.toString(), "table", "all_types")).run();
            hygge.flow("unload").from("duckdb", Map.of("path", database.toString(), "query", "SELECT * FROM all_types ORDER BY id"))
                    .to("parquet", Map.of("path", out.toString())).run();
            hygge.flow("check").from("parquet", Map.of("path", out.toString())).to(back).run();
        }
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot expected = TestBatches.generate(TestBatches.allTypes(), allocator, 0, rows)) {
            List<List<Object>> want = TestBatches.rows(expected);
            List<List<Object>> got = back.committed().stream()
                    .sorted(java.util.Comparator.comparingLong(r -> (Long) r.get(0))).toList();
            assertThat(got).hasSize(rows);
            for (int i = 0; i < rows; i++) {
                assertThat(got.get(i)).as("row %d", i).isEqualTo(want.get(i));
            }
        }
    }
}
