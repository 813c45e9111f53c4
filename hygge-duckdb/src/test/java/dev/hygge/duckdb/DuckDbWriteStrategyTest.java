package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hygge.spi.HyggeException;
import dev.hygge.Hygge;
import dev.hygge.jdbc.IfExists;
import dev.hygge.jdbc.WriteStrategy;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What DuckDB adds to the table Store contract ({@link DuckDbTableStoreTest} runs every
 * if_exists × write_strategy, failure halfway and evolution): a source failing while DuckDB pulls
 * on its own threads, {@code max_streams}, and merge keys.
 */
class DuckDbWriteStrategyTest {
    private static final int ROWS = 50;

    @TempDir
    Path dir;

    private static Map<String, Object> options(Path file, WriteStrategy strategy, IfExists ifExists) {
        Map<String, Object> options = new HashMap<>();
        options.put("path", file.toString());
        options.put("table", "t");
        options.put("write_strategy", strategy.name().toLowerCase(Locale.ROOT));
        options.put("if_exists", ifExists.name().toLowerCase(Locale.ROOT));
        if (strategy == WriteStrategy.MERGE) {
            options.put("keys", List.of("id"));
        }
        options.put("schema_inference", Map.of("sample_rows", 20));
        return options;
    }

    private static void write(Map<String, Object> options, GeneratedHome home) {
        try (Hygge hygge = DuckDb.runtime()) {
            hygge.flow("f").from(home).to("duckdb", options).run();
        }
    }

    private static GeneratedHome rows(int rows) {
        return GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(20).build();
    }

    @Test
    void aFailingSourceAlwaysEndsTheLoad() {
        // DuckDB pulls the Arrow stream on its own threads: a failed input must still reach them
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 20; i++) {
                Path file = dir.resolve("r" + i + ".duckdb");
                Map<String, Object> options = options(file, i % 2 == 0 ? WriteStrategy.TEMP_SWAP : WriteStrategy.DIRECT_INSERT,
                        IfExists.APPEND);
                options.put("schema_inference", Map.of("sample_rows", 0));
                GeneratedHome failing = GeneratedHome.builder(TestBatches.benchmark()).rows(5_000).batchSize(50)
                        .failAtRow(100 + i * 37L).build();
                assertThatThrownBy(() -> write(options, failing)).isInstanceOf(HyggeException.class)
                        .hasMessageContaining("generated failure");
            }
        });
    }

    @Test
    void severalStreamsLoadOneStagingTable() {
        Path file = dir.resolve("s.duckdb");
        Map<String, Object> options = options(file, WriteStrategy.TEMP_SWAP, IfExists.APPEND);
        options.put("max_streams", 2);
        try (Hygge hygge = DuckDb.runtime()) {
            hygge.flow("f").from(GeneratedHome.builder(TestBatches.benchmark()).rows(20_000).batchSize(1_000).splits(4).build())
                    .to("duckdb", options).parallelism(2).run();
        }
        assertThat(DuckDb.count(file, "t")).isEqualTo(20_000);
        assertThat(DuckDb.count(file, "(SELECT DISTINCT id FROM t)")).isEqualTo(20_000);
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @Test
    void mergeOnTwoKeysMatchesBoth() {
        Path file = dir.resolve("k2.duckdb");
        write(options(file, WriteStrategy.TEMP_SWAP, IfExists.APPEND), rows(10));
        // odd ids no longer match on (id, quantity)
        DuckDb.execute(file, "UPDATE t SET name = 'old'", "UPDATE t SET quantity = -1 WHERE id % 2 = 1");
        long evenWithNullQuantity;
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot first = TestBatches.generate(TestBatches.benchmark(), allocator, 0, 10)) {
            evenWithNullQuantity = java.util.stream.IntStream.range(0, 10)
                    .filter(i -> i % 2 == 0 && first.getVector("quantity").isNull(i)).count();
        }
        Map<String, Object> options = options(file, WriteStrategy.MERGE, IfExists.APPEND);
        options.put("keys", List.of("id", "quantity"));
        write(options, rows(ROWS));
        // 5 odd old rows stay (plus even ones whose null quantity never matches), every new row is there
        assertThat(DuckDb.count(file, "t WHERE name = 'old'")).isEqualTo(5 + evenWithNullQuantity);
        assertThat(DuckDb.count(file, "t WHERE name = 'old' AND quantity = -1")).isEqualTo(5);
        assertThat(DuckDb.count(file, "t")).isEqualTo(ROWS + 5 + evenWithNullQuantity);
    }

    @Test
    void mergeKeysMustBeSourceColumns() {
        Path file = dir.resolve("bad.duckdb");
        Map<String, Object> options = options(file, WriteStrategy.MERGE, IfExists.APPEND);
        options.put("keys", List.of("identifier"));
        assertThatThrownBy(() -> write(options, rows(10))).hasMessageContaining("merge key 'identifier'")
                .hasMessageContaining("[id, quantity");
        assertThat(DuckDb.count(file, "information_schema.tables WHERE table_name = 't'")).isZero();
    }
}
