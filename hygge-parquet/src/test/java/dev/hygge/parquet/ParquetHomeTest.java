package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
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

    /**
     * The factory's Home lists the files and reads the first one's columns on a thread of its own
     * (planAhead): what it finds is what splits() and column() give, its error is thrown by the
     * first of them that needs the files, and a Home closed while (or without) being used closes.
     */
    @Test
    void planningAheadGivesTheSameColumnsSplitsAndErrors() throws Exception {
        Path file = dir.resolve("a.parquet");
        write(file, "SELECT i AS id, 'x' || i AS label FROM range(1000) t(i)");
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options(file, 10_000), null)) {
            assertThat(home.column("LABEL")).map(Field::getName).contains("label");
            assertThat(home.splits()).singleElement().isInstanceOfSatisfying(ParquetSplit.class,
                    s -> assertThat(s.isWholeFile() && s.file().equals(file.toString())).isTrue());
        }
        for (int i = 0; i < 20; i++) { // closed at once: close waits for the planning query, never closing DuckDB under it
            new ParquetHomeFactory().create(options(file, 10_000), null).close();
        }
        Path missing = dir.resolve("missing.parquet");
        try (ParquetHome home = (ParquetHome) new ParquetHomeFactory().create(options(missing, 10_000), null)) {
            assertThatThrownBy(home::splits).isInstanceOf(dev.hygge.spi.HomeException.class)
                    .hasMessageContaining("missing.parquet").hasMessageContaining("does not exist");
            assertThatThrownBy(() -> home.column("id")).isInstanceOf(dev.hygge.spi.HomeException.class)
                    .hasMessageContaining("does not exist");
        }
        new ParquetHomeFactory().create(options(missing, 10_000), null).close(); // its error unasked: close is quiet
    }

    @Test
    void rowGroupRangesAreEvenAndCoverTheFileOnce() {
        // the benchmark's shape: 81 groups of 122,880 rows and a last one of 46,720 (10M rows)
        List<Long> groups = new java.util.ArrayList<>(java.util.Collections.nCopies(81, 122_880L));
        groups.add(46_720L);
        List<ParquetSplit> ranges = SplitRanges.ranges("f", groups, 1_000_000);
        assertThat(ranges).hasSize(10);
        assertThat(ranges.get(0).firstRow()).isZero();
        assertThat(ranges.get(9).endRow()).isEqualTo(10_000_000);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).firstRow()).isEqualTo(ranges.get(i - 1).endRow());
        }
        // no range is more than one row group away from its share, so two streams get 5 each and even rows
        assertThat(ranges).allSatisfy(r -> assertThat(r.endRow() - r.firstRow()).isBetween(1_000_000L - 122_880, 1_000_000L + 122_880));
        long firstHalf = ranges.subList(0, 5).stream().mapToLong(r -> r.endRow() - r.firstRow()).sum();
        assertThat(Math.abs(firstHalf - 5_000_000)).isLessThanOrEqualTo(61_440);

        assertThat(SplitRanges.ranges("f", groups, 20_000_000)).containsExactly(ParquetSplit.whole("f"));
        assertThat(SplitRanges.ranges("f", List.of(100L, 100L, 100L), 1)).hasSize(3); // never more ranges than groups
        assertThat(SplitRanges.ranges("f", List.of(1_000L, 10L), 500)).hasSize(2)
                .last().satisfies(r -> assertThat(r.endRow()).isEqualTo(1_010));
    }

    private static ParquetHomeOptions options(Path file, long splitRows) {
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.path = file.toString();
        options.splitRows = splitRows;
        return options;
    }
}
