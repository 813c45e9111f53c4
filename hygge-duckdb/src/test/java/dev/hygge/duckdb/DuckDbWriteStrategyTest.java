package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hygge.spi.HyggeException;
import dev.hygge.spi.StoreException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every if_exists × write_strategy against real DuckDB, on a table that exists and on one that does not. */
class DuckDbWriteStrategyTest {
    private static final int ROWS = 50;
    private static final String CREATE = "CREATE TABLE t (id BIGINT NOT NULL, quantity INTEGER, price DOUBLE, name VARCHAR,"
            + " active BOOLEAN, day DATE, updated_at TIMESTAMPTZ, amount DECIMAL(18,2))";
    private static final String OLD_ROWS = "INSERT INTO t (id, name) SELECT i, 'old' FROM range(10) r(i)";

    @TempDir
    Path dir;

    static List<Arguments> combinations() {
        return java.util.Arrays.stream(WriteStrategy.values())
                .flatMap(s -> java.util.Arrays.stream(IfExists.values()).map(i -> Arguments.of(s, i)))
                .toList();
    }

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

    @ParameterizedTest(name = "{0} / {1} into an existing table")
    @MethodSource("combinations")
    void existingTable(WriteStrategy strategy, IfExists ifExists) {
        Path file = dir.resolve("e.duckdb");
        DuckDb.execute(file, CREATE, OLD_ROWS);
        Map<String, Object> options = options(file, strategy, ifExists);
        if (ifExists == IfExists.FAIL) {
            assertThatThrownBy(() -> write(options, rows(ROWS))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("table main.t exists and if_exists is fail");
            assertThat(DuckDb.count(file, "t")).isEqualTo(10);
        } else {
            write(options, rows(ROWS));
            long old = DuckDb.count(file, "t WHERE name = 'old'");
            long expectedOld = ifExists == IfExists.APPEND && strategy != WriteStrategy.MERGE ? 10 : 0;
            assertThat(old).isEqualTo(expectedOld);
            assertThat(DuckDb.count(file, "t")).isEqualTo(ROWS + expectedOld);
            assertThat(DuckDb.count(file, "(SELECT DISTINCT id FROM t)")).isEqualTo(ROWS);
            assertThat(sum(file)).isEqualTo(expectedSum(ROWS));
        }
        if (ifExists != IfExists.REPLACE) {
            // the table kept its definition
            assertThat(DuckDb.query(file, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 't'"
                    + " AND column_name = 'id'").get(0).get(0)).isEqualTo("NO");
        }
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @ParameterizedTest(name = "{0} / {1} creates a missing table")
    @MethodSource("combinations")
    void missingTable(WriteStrategy strategy, IfExists ifExists) {
        Path file = dir.resolve("m.duckdb");
        write(options(file, strategy, ifExists), rows(ROWS));
        assertThat(DuckDb.count(file, "t")).isEqualTo(ROWS);
        assertThat(sum(file)).isEqualTo(expectedSum(ROWS));
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @ParameterizedTest(name = "temp_swap failing halfway under {0} leaves the table as it was")
    @MethodSource("ifExistsWithoutFail")
    void failedTempSwapChangesNothing(IfExists ifExists) {
        for (WriteStrategy strategy : List.of(WriteStrategy.TEMP_SWAP, WriteStrategy.MERGE)) {
            Path file = dir.resolve("f-" + strategy + ".duckdb");
            DuckDb.execute(file, CREATE, OLD_ROWS);
            GeneratedHome failing = GeneratedHome.builder(TestBatches.benchmark()).rows(5_000).batchSize(500)
                    .failAtRow(3_000).build();
            assertThatThrownBy(() -> write(options(file, strategy, ifExists), failing))
                    .isInstanceOf(HyggeException.class).hasMessageContaining("generated failure at row 3000");
            assertThat(DuckDb.count(file, "t")).isEqualTo(10);
            assertThat(DuckDb.count(file, "t WHERE name = 'old'")).isEqualTo(10);
            assertThat(DuckDb.stagingTables(file)).isZero();
        }
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

    static List<IfExists> ifExistsWithoutFail() {
        return List.of(IfExists.APPEND, IfExists.REPLACE, IfExists.TRUNCATE);
    }

    @Test
    void failedDirectInsertKeepsTheRowsAlreadyWritten() {
        Path file = dir.resolve("d.duckdb");
        DuckDb.execute(file, CREATE, OLD_ROWS);
        Map<String, Object> options = options(file, WriteStrategy.DIRECT_INSERT, IfExists.APPEND);
        options.put("schema_inference", Map.of("sample_rows", 0));
        GeneratedHome failing = GeneratedHome.builder(TestBatches.benchmark()).rows(5_000).batchSize(500).failAtRow(3_000).build();
        assertThatThrownBy(() -> write(options, failing)).isInstanceOf(HyggeException.class);
        // direct_insert says so plainly: the statement that failed wrote nothing, earlier ones stay
        assertThat(DuckDb.count(file, "t WHERE name = 'old'")).isEqualTo(10);
        assertThat(DuckDb.count(file, "t")).isBetween(10L, 10L + 3_000);
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
    void mergeOnOneKeyUpdatesAndInserts() {
        Path file = dir.resolve("k1.duckdb");
        write(options(file, WriteStrategy.TEMP_SWAP, IfExists.APPEND), rows(10));
        DuckDb.execute(file, "UPDATE t SET name = 'old', price = -1");
        write(options(file, WriteStrategy.MERGE, IfExists.APPEND), rows(ROWS));
        assertThat(DuckDb.count(file, "t")).isEqualTo(ROWS);
        assertThat(DuckDb.count(file, "t WHERE name = 'old' OR price = -1")).isZero();
        assertThat(sum(file)).isEqualTo(expectedSum(ROWS));
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

    private static long sum(Path file) {
        return ((Number) DuckDb.query(file, "SELECT SUM(id) FROM t WHERE name IS DISTINCT FROM 'old'").get(0).get(0)).longValue();
    }

    private static long expectedSum(int rows) {
        return (long) rows * (rows - 1) / 2;
    }
}
