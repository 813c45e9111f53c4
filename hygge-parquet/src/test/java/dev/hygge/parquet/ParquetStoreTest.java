package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.Hygge;
import dev.hygge.spi.StoreException;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetStoreTest {
    @TempDir
    Path dir;

    private static GeneratedHome home(long rows) {
        return GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(3_000).splits(2).build();
    }

    private List<String> names(Path folder) {
        return ParquetStore.dataFiles(folder).stream().map(p -> folder.relativize(p).toString()).toList();
    }

    @Test
    void flowsWithoutEntityWriteIntoPathAndEntitiesIntoTheirFolder() {
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("sales").from(home(10_000)).to("parquet", Map.of("path", dir.toString())).parallelism(1).run();
            hygge.flow("sales").entity("orders").from(home(10_000)).to("parquet", Map.of("path", dir.toString()))
                    .parallelism(1).run();
        }
        assertThat(names(dir)).containsExactly("orders/orders_00000000000000000000.parquet", "sales_00000000000000000000.parquet");
        assertThat(DuckDbCheck.count(dir.resolve("orders/orders_00000000000000000000.parquet").toString())).isEqualTo(10_000);
        assertThat(dir.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void appendContinuesTheSequenceReplaceSwapsTheFilesFailRefuses() {
        Path target = dir.resolve("t");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("t").from(home(6_000)).to("parquet", Map.of("path", target.toString(), "rows_per_file", 4_000))
                    .parallelism(1).run();
            hygge.flow("t").from(home(6_000)).to("parquet", Map.of("path", target.toString())).parallelism(1).run();
            assertThat(names(target)).containsExactly("t_00000000000000000000.parquet", "t_00000000000000000001.parquet",
                    "t_00000000000000000002.parquet");
            assertThat(DuckDbCheck.count(target + "/*.parquet")).isEqualTo(12_000);

            hygge.flow("t").from(home(5_000)).to("parquet", Map.of("path", target.toString(), "if_exists", "replace"))
                    .parallelism(1).run();
            assertThat(names(target)).containsExactly("t_00000000000000000000.parquet");
            assertThat(DuckDbCheck.count(target + "/*.parquet")).isEqualTo(5_000);

            assertThatThrownBy(() -> hygge.flow("t").from(home(5_000))
                    .to("parquet", Map.of("path", target.toString(), "if_exists", "fail")).run())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(target.toString()).hasMessageContaining("if_exists is 'fail'");
            assertThat(names(target)).containsExactly("t_00000000000000000000.parquet");
        }
    }

    @Test
    void rowsPerFileCompressionRowGroupsAndPattern() {
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("f").from(home(25_000)).to("parquet", Map.of("path", dir.toString(), "rows_per_file", 10_000,
                    "row_group_size", 4_000, "compression", "zstd", "file_pattern", "part-{sequence:05d}.parquet"))
                    .parallelism(1).run();
        }
        assertThat(names(dir)).containsExactly("part-00000.parquet", "part-00001.parquet", "part-00002.parquet");
        assertThat(DuckDbCheck.count(dir.resolve("part-00000.parquet").toString())).isEqualTo(10_000);
        assertThat(DuckDbCheck.count(dir.resolve("part-00002.parquet").toString())).isEqualTo(5_000);
        List<List<Object>> meta = DuckDbCheck.query("SELECT DISTINCT compression FROM parquet_metadata('" + dir + "/part-00000.parquet')");
        assertThat(meta).containsExactly(List.of("ZSTD"));
        List<List<Object>> groups = DuckDbCheck.query("SELECT num_row_groups FROM parquet_file_metadata('" + dir + "/part-00000.parquet')");
        assertThat(((Number) groups.get(0).get(0)).longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyCompressionIsWritten() {
        for (String codec : List.of("snappy", "gzip", "zstd", "lz4", "brotli", "none")) {
            Path target = dir.resolve(codec);
            try (Hygge hygge = ParquetRoundTripTest.runtime()) {
                hygge.flow("c").from(home(2_000)).to("parquet", Map.of("path", target.toString(), "compression", codec))
                        .parallelism(1).run();
            }
            String expected = switch (codec) {
                case "none" -> "UNCOMPRESSED";
                case "lz4" -> "LZ4_RAW";
                default -> codec.toUpperCase();
            };
            assertThat(DuckDbCheck.query("SELECT DISTINCT compression FROM parquet_metadata('" + target + "/*.parquet')"))
                    .as(codec).containsExactly(List.of(expected));
        }
    }

    @Test
    void partitionByWritesHiveFoldersThatReadBack() {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, ['eu','us','apac'][i % 3 + 1] AS region, i * 2 AS v FROM range(9000) t(i)) TO '"
                + source + "' (FORMAT parquet)");
        Path target = dir.resolve("lake");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("p").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", target.toString(), "partition_by", List.of("region"))).run();
            assertThat(names(target)).containsExactly("region=apac/p_00000000000000000000.parquet",
                    "region=eu/p_00000000000000000001.parquet", "region=us/p_00000000000000000002.parquet");
            dev.hygge.testkit.CollectingStore back = new dev.hygge.testkit.CollectingStore(2);
            hygge.flow("back").from("parquet", Map.of("path", target.toString())).to(back).run();
            assertThat(back.committed()).hasSize(9000);
            assertThat(back.lastRequest().schema().getFields().stream().map(f -> f.getName()).toList())
                    .containsExactly("id", "v", "region");
            assertThat(back.committed()).contains(List.of(4L, 8L, "us"));
        }
    }

    @Test
    void noRowsWriteOneValidEmptyFileAndOneRowWorks() {
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("empty").from(home(0)).to("parquet", Map.of("path", dir.resolve("e").toString())).run();
            hygge.flow("one").from(home(1)).to("parquet", Map.of("path", dir.resolve("o").toString())).run();
        }
        assertThat(names(dir.resolve("e"))).containsExactly("empty_00000000000000000000.parquet");
        assertThat(DuckDbCheck.count(dir.resolve("e/empty_00000000000000000000.parquet").toString())).isZero();
        assertThat(DuckDbCheck.query("DESCRIBE SELECT * FROM '" + dir.resolve("e/empty_00000000000000000000.parquet") + "'"))
                .hasSize(8);
        assertThat(DuckDbCheck.count(dir.resolve("o") + "/*.parquet")).isEqualTo(1);
    }

    @Test
    void badOptionsAreConfigErrorsNamingTheOption() {
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThatThrownBy(() -> hygge.flow("x").from(home(1)).to("parquet", Map.of("path", dir.toString(), "compression", "lzo")).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("compression").hasMessageContaining("'lzo'").hasMessageContaining("zstd");
            assertThatThrownBy(() -> hygge.flow("x").from(home(1)).to("parquet", Map.of("path", dir.toString(), "if_exists", "merge")).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("if_exists").hasMessageContaining("'merge'");
            assertThatThrownBy(() -> hygge.flow("x").from(home(1)).to("parquet", Map.of("path", dir.toString(), "file_pattern", "{name}.parquet")).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("{sequence}");
            assertThatThrownBy(() -> hygge.flow("x").from(home(1)).to("parquet", Map.of("compression", "zstd")).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("'path' is required");
            assertThatThrownBy(() -> hygge.flow("x").from(home(1)).to("parquet", Map.of("path", dir.toString(), "partition_by", List.of("nope"))).run())
                    .isInstanceOf(StoreException.class).hasMessageContaining("partition_by column 'nope'");
        }
        assertThat(names(dir)).isEmpty();
        assertThat(Files.exists(dir.resolve(Staging.ROOT))).isFalse();
    }

    /** Issue 11: the SDK gets the checks of {@code hygge validate}, every problem of Home and Store in one exception, before anything opens. */
    @Test
    void aFlowGivenTypeNamesReportsEveryOptionProblemBeforeAnythingOpens() {
        Path out = dir.resolve("out");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThatThrownBy(() -> hygge.flow("orders")
                    .from("parquet", Map.of("path", dir.resolve("in").toString(), "batch_size", 0, "split_rows", 0))
                    .to("parquet", Map.of("path", out.toString(), "compression", "zsdt", "if_exists", "replcae",
                            "file_pattern", "x.parquet", "row_group_size", 0))
                    .run())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Flow 'orders' has 6 problems")
                    .hasMessageContaining("Home 'parquet' of flow orders: batch_size must be at least 1, not 0")
                    .hasMessageContaining("Home 'parquet' of flow orders: split_rows must be at least 1, not 0")
                    .hasMessageContaining("option 'compression' cannot be 'zsdt'; give one of snappy, zstd")
                    .hasMessageContaining("option 'if_exists' cannot be 'replcae'")
                    .hasMessageContaining("file_pattern 'x.parquet' needs a {sequence} placeholder")
                    .hasMessageContaining("row_group_size must be at least 1, not 0");
            assertThatThrownBy(() -> hygge.flow("orders").from(home(1))
                    .to("parquet", Map.of("path", out.toString(), "if_exists", "truncate")).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("if_exists must be append, replace or fail");
        }
        assertThat(out).doesNotExist();
    }
}
