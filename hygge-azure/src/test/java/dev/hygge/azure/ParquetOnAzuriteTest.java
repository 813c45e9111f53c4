package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Plugins;
import dev.hygge.storage.ObjectStores;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The parquet Store and Home at an Azure Blob location on Azurite (flat namespace: the commit
 * publishes by server-side copy), every row and value read back.
 */
@ExtendWith(AzuriteServer.class)
class ParquetOnAzuriteTest {
    private static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory()));
    }

    private static String lake() {
        return AzuriteServer.accountUrl() + "/" + AzuriteServer.CONTAINER + "/lake-" + UUID.randomUUID();
    }

    private static Map<String, Object> parquet(String path, Object... more) {
        Map<String, Object> options = new HashMap<>(Map.of("path", path, "storage", AzuriteServer.settings()));
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        return options;
    }

    @Test
    void parquetToBlobAndBackKeepsEveryValue() {
        String lake = lake();
        int rows = 20_000;
        try (Hygge hygge = runtime()) {
            FlowResult written = hygge.flow("all").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(4_000).splits(2).build())
                    .to("parquet", parquet(lake, "rows_per_file", 6_000L)).run();
            assertThat(written.rowsWritten()).isEqualTo(rows);
            CollectingStore collected = new CollectingStore(4);
            hygge.flow("back").from("parquet", parquet(lake, "entity", "orders")).to(collected).run();
            List<List<Object>> expected = new ArrayList<>();
            try (RootAllocator allocator = new RootAllocator();
                 VectorSchemaRoot root = TestBatches.generate(TestBatches.allTypes(), allocator, 0, rows)) {
                expected.addAll(TestBatches.rows(root));
            }
            List<List<Object>> actual = new ArrayList<>(collected.committed());
            actual.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
            assertThat(actual).isEqualTo(expected);
        }
        try (ObjectStore store = ObjectStores.open(lake, AzuriteServer.settings())) {
            List<String> names = store.list("orders/", "*.parquet").stream().map(ObjectInfo::name).toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(4).allMatch(n -> n.matches("orders_\\d{20}\\.parquet"));
            assertThat(store.list("orders/_hygge_staging/")).isEmpty();
        }
    }

    @Test
    void aFailingFlowLeavesNothingVisible() {
        String lake = lake();
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("t")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).failAtRow(20_000).build())
                    .to("parquet", parquet(lake, "rows_per_file", 5_000L)).run())
                    .isNotNull();
        }
        try (ObjectStore store = ObjectStores.open(lake, AzuriteServer.settings())) {
            assertThat(store.list("", "**.parquet")).isEmpty();
        }
    }

    @Test
    void csvFilesGoUpAndComeBackStreamedEveryRowOnce() {
        String lake = lake();
        int rows = 9_000;
        try (Hygge hygge = runtime()) {
            hygge.flow("csv").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(1_000).build())
                    .to("parquet", parquet(lake, "format", "csv", "rows_per_file", 1_000L)).run();
            CollectingStore collected = new CollectingStore(2);
            hygge.flow("back").from("parquet", parquet(lake + "/orders/*.csv")).to(collected).run();
            List<Long> ids = collected.committed().stream().map(r -> ((Number) r.get(0)).longValue()).sorted().toList();
            assertThat(ids).hasSize(rows).doesNotHaveDuplicates();
            assertThat(ids.get(rows - 1)).isEqualTo(rows - 1);
        }
        try (ObjectStore store = ObjectStores.open(lake, AzuriteServer.settings())) {
            assertThat(store.list("orders/", "*.csv")).hasSize(9);
            assertThat(store.list("orders/_hygge_staging/")).isEmpty();
        }
    }

    @Test
    void manyParquetFilesAreStreamedBackAndPublishedInParallel() {
        String lake = lake();
        int rows = 24_000;
        try (Hygge hygge = runtime()) {
            hygge.flow("many").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(1_000).splits(2).build())
                    .to("parquet", parquet(lake, "rows_per_file", 1_000L)).run();
            hygge.flow("many").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(1_000).build())
                    .to("parquet", parquet(lake, "rows_per_file", 2_000L, "if_exists", "replace")).run();
            CollectingStore collected = new CollectingStore(3);
            hygge.flow("back").from("parquet", parquet(lake, "entity", "orders")).to(collected).run();
            List<Long> ids = collected.committed().stream().map(r -> (Long) r.get(0)).sorted().toList();
            assertThat(ids).hasSize(rows).doesNotHaveDuplicates();
        }
        try (ObjectStore store = ObjectStores.open(lake, AzuriteServer.settings())) {
            assertThat(store.list("orders/", "*.parquet")).hasSize(12);
            assertThat(store.list("orders/_hygge_staging/")).isEmpty();
        }
    }

    @Test
    void anUploadLogsNoWarningPerRequest() {
        String lake = lake();
        String log = stderrOf(() -> {
            try (Hygge hygge = runtime()) {
                hygge.flow("quiet").entity("orders")
                        .from(GeneratedHome.builder(TestBatches.allTypes()).rows(6_000).batchSize(1_000).build())
                        .to("parquet", parquet(lake, "rows_per_file", 2_000L)).run();
            }
        });
        try (ObjectStore store = ObjectStores.open(lake, AzuriteServer.settings())) {
            assertThat(store.list("orders/", "*.parquet")).hasSize(3);
        }
        assertThat(log).doesNotContain("is restricted by").doesNotContain("headerName");
    }

    /** What the run wrote to the process's stderr, where slf4j-simple logs; echoed there afterwards. */
    private static String stderrOf(Runnable run) {
        PrintStream before = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(before);
            before.print(log.toString(StandardCharsets.UTF_8));
        }
        return log.toString(StandardCharsets.UTF_8);
    }
}
