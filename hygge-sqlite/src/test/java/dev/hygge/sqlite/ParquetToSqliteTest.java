package dev.hygge.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parquet → sqlite → parquet end to end, on the benchmarks' table: every value kept, and the load's
 * rate printed (rows/s of the parquet → sqlite flow, the figure the module README reports; rows
 * with {@code -Dsqlite.rows=N}, 200,000 by default).
 */
class ParquetToSqliteTest {
    @TempDir
    Path dir;

    @Test
    void parquetToSqliteToParquetKeepsEveryValue() {
        int rows = Integer.getInteger("sqlite.rows", 200_000);
        Path in = dir.resolve("in");
        Path database = dir.resolve("w.db");
        Path out = dir.resolve("out");
        CollectingStore back = new CollectingStore(1);
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new ParquetHomeFactory()).home(new SqliteHomeFactory())
                        .store(new ParquetStoreFactory()).store(new SqliteStoreFactory()).build())
                .progressInterval(null).build()) {
            hygge.flow("make").from(GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(50_000).build())
                    .to("parquet", Map.of("path", in.toString())).run();
            long start = System.nanoTime();
            hygge.flow("load").from("parquet", Map.of("path", in.toString()))
                    .to("sqlite", Map.of("path", database.toString(), "table", "orders", "if_exists", "replace")).run();
            double seconds = (System.nanoTime() - start) / 1e9;
            // on stdout, in the test log: the tests run without an SLF4J binding
            System.out.printf("parquet -> sqlite: %d rows in %.2f s, %.0f rows/s%n", rows, seconds, rows / seconds);
            hygge.flow("unload").from("sqlite", Map.of("path", database.toString(), "table", "orders"))
                    .to("parquet", Map.of("path", out.toString())).run();
            hygge.flow("check").from("parquet", Map.of("path", out.toString())).to(back).run();
        }
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot expected = TestBatches.generate(TestBatches.benchmark(), allocator, 0, rows)) {
            List<List<Object>> want = TestBatches.rows(expected);
            List<List<Object>> got = back.committed().stream().sorted(Comparator.comparingLong(r -> (Long) r.get(0))).toList();
            assertThat(got).hasSize(rows);
            for (int i = 0; i < rows; i++) {
                assertThat(got.get(i)).as("row %d", i).isEqualTo(want.get(i));
            }
        }
    }
}
