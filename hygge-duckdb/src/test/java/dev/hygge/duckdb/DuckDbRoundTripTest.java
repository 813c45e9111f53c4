package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
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

class DuckDbRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyTestKitTypeSurvivesDuckDbBothWays() {
        Path file = dir.resolve("w.duckdb");
        int rows = 5_000;
        try (Hygge hygge = DuckDb.runtime()) {
            hygge.flow("all").from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(700).build())
                    .to("duckdb", Map.of("path", file.toString(), "table", "all_types")).run();
        }
        assertThat(DuckDb.query(file, "SELECT data_type FROM information_schema.columns WHERE table_name = 'all_types'"
                + " ORDER BY ordinal_position")).extracting(r -> r.get(0)).containsExactly("BIGINT", "TINYINT", "SMALLINT",
                "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(18,2)", "DECIMAL(38,10)", "VARCHAR", "BOOLEAN", "DATE",
                "TIME", "TIMESTAMP_MS", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "BLOB", "INTEGER");
        assertThat(DuckDb.query(file, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'all_types'"
                + " AND column_name = 'id'").get(0).get(0)).isEqualTo("NO");

        CollectingStore back = new CollectingStore(1);
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().home(new DuckDbHomeFactory()).build())
                .progressInterval(null).build()) {
            hygge.flow("back").from("duckdb", Map.of("path", file.toString(), "query", "SELECT * FROM all_types ORDER BY id",
                    "batch_size", 1_000)).to(back).run();
        }
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot expected = TestBatches.generate(TestBatches.allTypes(), allocator, 0, rows)) {
            List<List<Object>> want = TestBatches.rows(expected);
            assertThat(back.committed()).hasSize(rows);
            for (int i = 0; i < rows; i++) {
                assertThat(back.committed().get(i)).as("row %d", i).isEqualTo(want.get(i));
            }
        }
    }
}
