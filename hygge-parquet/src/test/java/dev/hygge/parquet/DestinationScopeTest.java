package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.Hygge;
import dev.hygge.spi.StoreException;
import dev.hygge.parquet.faults.ParquetFaultChild;
import dev.hygge.spi.Connection;
import dev.hygge.spi.Destination;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Store;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.TestBatches;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a write counts as its destination's files, and names that cannot reach outside {@code path}. */
class DestinationScopeTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) {
        return ParquetStore.dataFiles(folder).stream().map(p -> folder.relativize(p).toString()).toList();
    }

    private static void write(Hygge hygge, String flow, String entity, Path path, Map<String, Object> more) {
        Map<String, Object> options = new java.util.HashMap<>(more);
        options.put("path", path.toString());
        var builder = hygge.flow(flow).from(ParquetFaultChild.home(3_000)).to("parquet", options).parallelism(1);
        if (entity != null) {
            builder.entity(entity);
        }
        builder.run();
    }

    @Test
    void aReplaceWithoutEntityKeepsOtherEntitiesFoldersAndFilesOfOtherNames() throws Exception {
        Path lake = dir.resolve("lake");
        Files.createDirectories(lake.resolve("notes"));
        Files.writeString(lake.resolve("notes/readme.parquet"), "not hygge's");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            write(hygge, "load", "orders", lake, Map.of());
            write(hygge, "load", "customers", lake, Map.of());
            write(hygge, "other", null, lake, Map.of());
            write(hygge, "sales", null, lake, Map.of());
            write(hygge, "sales", null, lake, Map.of("if_exists", "replace"));
            write(hygge, "sales", null, lake, Map.of("if_exists", "replace", "rows_per_file", 1_000));
        }
        assertThat(names(lake)).containsExactly("customers/customers_00000000000000000000.parquet",
                "notes/readme.parquet", "orders/orders_00000000000000000000.parquet",
                "other_00000000000000000000.parquet", "sales_00000000000000000000.parquet",
                "sales_00000000000000000001.parquet", "sales_00000000000000000002.parquet");
        assertThat(DuckDbCheck.count(lake + "/sales_*.parquet")).isEqualTo(3_000);
        assertThat(DuckDbCheck.count(lake + "/orders/*.parquet")).isEqualTo(3_000);
    }

    @Test
    void aPartitionedReplaceRemovesItsOldPartitionFilesOnly() throws Exception {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, ['eu','us'][i % 2 + 1] AS region FROM range(4000) t(i)) TO '"
                + source + "' (FORMAT parquet)");
        Path lake = dir.resolve("lake");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            write(hygge, "load", "orders", lake, Map.of());
            for (int i = 0; i < 2; i++) {
                hygge.flow("p").from("parquet", Map.of("path", source.toString()))
                        .to("parquet", Map.of("path", lake.toString(), "partition_by", List.of("region"), "if_exists", "replace"))
                        .parallelism(1).run();
            }
        }
        assertThat(names(lake)).containsExactly("orders/orders_00000000000000000000.parquet",
                "region=eu/p_00000000000000000000.parquet", "region=us/p_00000000000000000001.parquet");
        assertThat(DuckDbCheck.count(lake + "/region=*/*.parquet")).isEqualTo(4_000);
    }

    @Test
    void failAndTheSequenceCountOnlyTheFilesOfThisName() {
        Path lake = dir.resolve("lake");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            write(hygge, "load", "orders", lake, Map.of());
            write(hygge, "other", null, lake, Map.of());
            write(hygge, "sales", null, lake, Map.of("if_exists", "fail"));
            write(hygge, "sales", null, lake, Map.of());
            assertThatThrownBy(() -> write(hygge, "sales", null, lake, Map.of("if_exists", "fail")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("2 parquet file(s)")
                    .hasMessageContaining("sales_00000000000000000000.parquet");
        }
        assertThat(names(lake)).containsExactly("orders/orders_00000000000000000000.parquet",
                "other_00000000000000000000.parquet", "sales_00000000000000000000.parquet",
                "sales_00000000000000000001.parquet");
    }

    @Test
    void anAppendWhoseTargetNameIsTakenFailsAndDisplacesNothing() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not a parquet file");
        // a link is not a file hygge wrote, so it is not counted, and the first name is taken
        Path link = Files.createSymbolicLink(lake.resolve("t_00000000000000000000.parquet"), elsewhere);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            assertThatThrownBy(() -> write(hygge, "t", null, lake, Map.of()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(link + " already exists").hasMessageContaining("Nothing was changed");
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(elsewhere).hasContent("not a parquet file");
        assertThat(lake.resolve(Staging.ROOT)).doesNotExist();
    }

    @Test
    void entitiesAndFlowNamesThatWouldLeaveThePathAreRefused() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("project/lake"));
        Path outside = dir.resolve("project/keep_00000000000000000000.parquet");
        DuckDbCheck.execute("COPY (SELECT 1 AS id) TO '" + outside + "' (FORMAT parquet)");
        ParquetStoreOptions options = new ParquetStoreOptions();
        options.path = lake.toString();
        options.ifExists = dev.hygge.jdbc.IfExists.REPLACE;
        // straight to the Store: the last line of defence, whatever the layers above let through
        try (RootAllocator allocator = new RootAllocator();
             Store store = new ParquetStoreFactory().create(options, context(allocator))) {
            for (String entity : List.of("..", ".", "a/b", "../keep", "/tmp/x", "a\\b", "", "nul\0name")) {
                assertThatThrownBy(() -> store.begin(request("keep", Optional.of(entity))))
                        .as("entity '%s'", entity)
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("entity")
                        .hasMessageContaining(lake.toString());
            }
            assertThatThrownBy(() -> store.begin(request("../keep", Optional.empty())))
                    .isInstanceOf(StoreException.class).hasMessageContaining("file_pattern")
                    .hasMessageContaining("../keep_00000000000000000000.parquet");
        }
        assertThat(outside).exists();
        assertThat(names(dir.resolve("project"))).containsExactly("keep_00000000000000000000.parquet");
    }

    private static WriteRequest request(String flow, Optional<String> entity) {
        return new WriteRequest(flow, entity, TestBatches.benchmark().schema(), 1, List.of(), "run-1");
    }

    private static HyggeContext context(BufferAllocator allocator) {
        return new HyggeContext() {
            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public <C extends Connection> C connection(String name, Class<C> type) {
                throw new UnsupportedOperationException("no connections here");
            }

            @Override
            public FlowListener listener() {
                throw new UnsupportedOperationException("no listener here");
            }

            @Override
            public Logger logger(Class<?> type) {
                return LoggerFactory.getLogger(type);
            }
        };
    }

    @Test
    void theFactoryResolvesTheDestinationOfAFlow() {
        ParquetStoreFactory factory = new ParquetStoreFactory();
        ParquetStoreOptions options = new ParquetStoreOptions();
        options.path = "lake/./sales/";
        Path absolute = Path.of("lake/sales").toAbsolutePath().normalize();
        assertThat(factory.destination(options, "load", Optional.of("orders")))
                .contains(new Destination("parquet " + absolute.resolve("orders"), Path.of("lake/./sales/", "orders").toString(), true));
        options.ifExists = dev.hygge.jdbc.IfExists.REPLACE;
        assertThat(factory.destination(options, "load", Optional.empty()))
                .contains(new Destination("parquet " + absolute, "lake/./sales/", false));
        for (String entity : List.of("..", "a/b", "/abs", "")) {
            assertThatThrownBy(() -> factory.destination(options, "load", Optional.of(entity)))
                    .as("entity '%s'", entity).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'" + entity + "'").hasMessageContaining("lake/./sales/");
        }
        options.path = null;
        assertThatThrownBy(() -> factory.destination(options, "load", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'path' is required");
    }
}
