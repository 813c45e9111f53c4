package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.parquet.OpenMirroringStoreFactory;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Plugins;
import dev.hygge.storage.ObjectStores;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Open Mirroring Store writing a mirror's landing zone in OneLake's layout
 * ({@code <workspace>/<mirror>/Files/LandingZone/<schema>.schema/<table>/}) through Azurite's Blob API:
 * a flat namespace, so the commit publishes by server-side copy. What needs OneLake itself (the DFS
 * rename, Entra ID, Fabric picking the files up) is in {@link RealAccountIT}'s territory: a real account.
 */
@ExtendWith(AzuriteServer.class)
class OpenMirroringOnAzuriteTest {
    private static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new OpenMirroringStoreFactory()));
    }

    private static Map<String, Object> mirror(String name, Object... more) {
        Map<String, String> s = AzuriteServer.settings();
        Map<String, Object> options = new HashMap<>(Map.of("account_url", AzuriteServer.accountUrl(), "filesystem", AzuriteServer.CONTAINER,
                "mirror_name", name, "schema_name", "crm", "key_columns", List.of("i64"), "credential", s.get("credential"),
                "storage_account_key", s.get("storage_account_key"), "folder_deletion_wait_seconds", 0));
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        return options;
    }

    private static ObjectStore files(String mirror) {
        return ObjectStores.open(AzuriteServer.accountUrl() + "/" + AzuriteServer.CONTAINER + "/" + mirror + "/Files",
                AzuriteServer.settings());
    }

    private static String text(ObjectStore store, String key) throws Exception {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", "");
        }
    }

    @Test
    void aFullLoadLandsTheTableInTheLandingZoneAndASecondOneRecreatesIt() throws Exception {
        String mirror = "mirror-" + UUID.randomUUID();
        try (Hygge hygge = runtime()) {
            FlowResult first = hygge.flow("crm").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(12_000).batchSize(3_000).splits(2).build())
                    .to("open_mirroring", mirror(mirror, "rows_per_file", 5_000L, "partner_name", "hygge", "source_type", "SQL"))
                    .run();
            assertThat(first.rowsWritten()).isEqualTo(12_000);
        }
        try (ObjectStore store = files(mirror)) {
            List<String> landed = store.list("LandingZone/").stream().map(ObjectInfo::key).toList();
            assertThat(landed).contains("LandingZone/_partnerEvents.json", "LandingZone/crm.schema/orders/_metadata.json",
                    "LandingZone/crm.schema/orders/00000000000000000001.parquet");
            assertThat(landed.stream().filter(k -> k.endsWith(".parquet")))
                    .hasSizeGreaterThanOrEqualTo(3).allMatch(k -> k.matches("LandingZone/crm\\.schema/orders/\\d{20}\\.parquet"));
            assertThat(text(store, "LandingZone/crm.schema/orders/_metadata.json"))
                    .isEqualTo("{\"keyColumns\":[\"i64\"],\"isUpsertDefaultRowMarker\":true}");
            assertThat(text(store, "LandingZone/_partnerEvents.json")).isEqualTo("{\"partnerName\":\"hygge\",\"sourceInfo\":{\"sourceType\":\"SQL\"}}");
            assertThat(store.list("_hygge_mirroring/").stream().map(ObjectInfo::key))
                    .as("no staged file is left").containsExactly("_hygge_mirroring/crm.schema/orders/_hygge.lock");
        }

        CollectingStore collected = new CollectingStore(4);
        String table = AzuriteServer.accountUrl() + "/" + AzuriteServer.CONTAINER + "/" + mirror + "/Files/LandingZone/crm.schema/orders";
        try (Hygge hygge = TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new OpenMirroringStoreFactory()))) {
            hygge.flow("back").from("parquet", Map.of("path", table, "storage", AzuriteServer.settings())).to(collected).run();
            assertThat(collected.committed()).hasSize(12_000);
            List<org.apache.arrow.vector.types.pojo.Field> fields = collected.lastRequest().schema().getFields();
            assertThat(fields.get(fields.size() - 1).getName()).isEqualTo("__rowMarker__");
            assertThat(collected.committed()).allMatch(row -> Integer.valueOf(4).equals(row.get(row.size() - 1)));

            FlowResult again = hygge.flow("crm").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(100).batchSize(100).build())
                    .to("open_mirroring", mirror(mirror)).run();
            assertThat(again.rowsWritten()).isEqualTo(100);
        }
        try (ObjectStore store = files(mirror)) {
            assertThat(store.list("LandingZone/crm.schema/orders/").stream().map(ObjectInfo::name))
                    .as("the full load dropped the old files and started the sequence again")
                    .containsExactly("00000000000000000001.parquet", "_metadata.json");
        }
    }

    @Test
    void aFailingFlowLandsNoSequenceNamedFile() {
        String mirror = "mirror-" + UUID.randomUUID();
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("crm").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).failAtRow(20_000).build())
                    .to("open_mirroring", mirror(mirror, "rows_per_file", 5_000L)).run())
                    .isNotNull();
        }
        try (ObjectStore store = files(mirror)) {
            assertThat(store.list("LandingZone/")).isEmpty();
            assertThat(store.list("_hygge_mirroring/").stream().map(ObjectInfo::key))
                    .containsExactly("_hygge_mirroring/crm.schema/orders/_hygge.lock");
        }
    }
}
