package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.ConfigException;
import dev.hygge.Hygge;
import dev.hygge.Plugins;
import dev.hygge.spi.HomeFactory;
import dev.hygge.spi.StoreFactory;
import dev.hygge.testkit.CollectingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetHomeTest {
    @TempDir
    Path dir;

    private void write(Path file, String select) throws Exception {
        Files.createDirectories(file.getParent());
        DuckDbCheck.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }

    private CollectingStore read(Map<String, ?> options) {
        CollectingStore store = new CollectingStore(4);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("read").from("parquet", options).to(store).run();
        }
        return store;
    }

    @Test
    void factoriesAreDiscoverable() {
        assertThat(ServiceLoader.load(HomeFactory.class).stream().map(p -> p.get().type())).contains("parquet");
        assertThat(ServiceLoader.load(StoreFactory.class).stream().map(p -> p.get().type())).contains("parquet");
        try (Hygge hygge = Hygge.builder().plugins(Plugins.discover()).progressInterval(null).build()) {
            assertThat(hygge.plugins().home("parquet")).isInstanceOf(ParquetHomeFactory.class);
        }
    }

    @Test
    void directoryGlobEntityAndHivePartitionsGiveEveryRow() throws Exception {
        write(dir.resolve("flat/a.parquet"), "SELECT i AS id FROM range(0, 1000) t(i)");
        write(dir.resolve("flat/sub/b.parquet"), "SELECT i AS id FROM range(1000, 3000) t(i)");
        write(dir.resolve("flat/_staging/ignored.parquet"), "SELECT 1 AS id");
        Files.writeString(dir.resolve("flat/_SUCCESS"), "");
        assertThat(read(Map.of("path", dir.resolve("flat").toString())).committed()).hasSize(3000);
        assertThat(read(Map.of("path", dir + "/flat/*.parquet")).committed()).hasSize(1000);
        assertThat(read(Map.of("path", dir + "/flat/**.parquet")).committed()).hasSize(3000);
        assertThat(read(Map.of("path", dir.toString(), "entity", "flat")).committed()).hasSize(3000);

        write(dir.resolve("hive/region=eu/year=2024/p.parquet"), "SELECT i AS id FROM range(0, 10) t(i)");
        write(dir.resolve("hive/region=us/year=2025/p.parquet"), "SELECT i AS id FROM range(10, 30) t(i)");
        CollectingStore hive = read(Map.of("path", dir.resolve("hive").toString()));
        assertThat(hive.committed()).hasSize(30).contains(List.of(3L, "eu", 2024L), List.of(20L, "us", 2025L));
        List<Field> fields = hive.lastRequest().schema().getFields();
        assertThat(fields.get(1).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(fields.get(2).getType()).isEqualTo(new ArrowType.Int(64, true));
    }

    @Test
    void projectionAndRowGroupSplitsOfOneBigFile() throws Exception {
        Path file = dir.resolve("big.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, i * 2 AS twice, 'x' || i AS label FROM range(50000) t(i)) TO '" + file
                + "' (FORMAT parquet, ROW_GROUP_SIZE 4096)");
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options(file, 10_000), null)) {
            assertThat(home.splits()).hasSizeGreaterThan(3);
        }
        CollectingStore store = read(Map.of("path", file.toString(), "columns", List.of("label", "id"), "split_rows", 10_000,
                "batch_size", 3_000));
        assertThat(store.committed()).hasSize(50_000).contains(List.of("x49999", 49999L), List.of("x0", 0L));
        assertThat(store.committed().stream().map(r -> r.get(1)).distinct().count()).isEqualTo(50_000);
        assertThatThrownBy(() -> read(Map.of("path", file.toString(), "columns", List.of("nope"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("column 'nope'").hasMessageContaining("twice");
    }

    private static ParquetHomeOptions options(Path file, long splitRows) {
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.path = file.toString();
        options.splitRows = splitRows;
        return options;
    }
}
