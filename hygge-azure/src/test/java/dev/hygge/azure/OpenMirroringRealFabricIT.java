package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.parquet.OpenMirroringStoreFactory;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Plugins;
import dev.hygge.storage.ObjectStores;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Open Mirroring Store against a real Fabric mirrored database: what Azurite cannot stand in for,
 * OneLake's DFS rename (the publish) and folder delete (a full load's drop), and Entra ID. Runs where
 * {@code HYGGE_FABRIC_WORKSPACE} and {@code HYGGE_FABRIC_MIRROR} name an open mirrored database (its
 * landing zone {@code https://onelake.dfs.fabric.microsoft.com/<workspace>/<mirror>/Files/LandingZone}),
 * with the credential of {@code HYGGE_AZURE_CREDENTIAL} and its keys as {@link RealAccountIT} reads them;
 * each test writes a table of its own ({@code hygge_it.<random>}) and removes it. Skipped, saying so,
 * elsewhere: no CI here has a Fabric capacity. Whether Fabric then mirrors the rows is seen in the Fabric
 * portal, not asserted.
 */
@ExtendWith(OpenMirroringRealFabricIT.Mirror.class)
class OpenMirroringRealFabricIT {
    static final class Mirror implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String workspace = System.getenv("HYGGE_FABRIC_WORKSPACE");
            String mirror = System.getenv("HYGGE_FABRIC_MIRROR");
            return blank(workspace) || blank(mirror)
                    ? ConditionEvaluationResult.disabled("HYGGE_FABRIC_WORKSPACE and HYGGE_FABRIC_MIRROR are not set: OneLake's DFS"
                            + " rename and folder delete and Entra ID need a real Fabric mirrored database (Azurite has neither)")
                    : ConditionEvaluationResult.enabled("against " + workspace + "/" + mirror);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Map<String, String> credentials() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : List.of("credential", "tenant_id", "client_id", "client_secret")) {
            String value = System.getenv("HYGGE_AZURE_" + key.toUpperCase(Locale.ROOT));
            if (!blank(value)) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    @Test
    void aFullLoadLandsByRenameAndASecondOneDropsTheFolderAndRecreatesIt() {
        String table = "t" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> options = new HashMap<>(credentials());
        options.putAll(Map.of("account_url", "https://onelake.dfs.fabric.microsoft.com", "filesystem", System.getenv("HYGGE_FABRIC_WORKSPACE"),
                "mirror_name", System.getenv("HYGGE_FABRIC_MIRROR"), "schema_name", "hygge_it", "key_columns", List.of("i64"),
                "folder_deletion_wait_seconds", 0));
        String files = "https://onelake.dfs.fabric.microsoft.com/" + System.getenv("HYGGE_FABRIC_WORKSPACE") + "/"
                + System.getenv("HYGGE_FABRIC_MIRROR") + "/Files";
        try (Hygge hygge = TestKit.runtime(Plugins.builder().store(new OpenMirroringStoreFactory()));
             ObjectStore store = ObjectStores.open(files, credentials())) {
            try {
                hygge.flow("it").entity(table).from(GeneratedHome.builder(TestBatches.allTypes()).rows(10_000).build())
                        .to("open_mirroring", options).run();
                assertThat(store.atomicRename()).as("OneLake publishes by DFS rename").isTrue();
                assertThat(store.list("LandingZone/hygge_it.schema/" + table + "/").stream().map(ObjectInfo::name))
                        .containsExactly("00000000000000000001.parquet", "_metadata.json");
                hygge.flow("it").entity(table).from(GeneratedHome.builder(TestBatches.allTypes()).rows(10).build())
                        .to("open_mirroring", options).run();
                assertThat(store.list("LandingZone/hygge_it.schema/" + table + "/").stream().map(ObjectInfo::name))
                        .containsExactly("00000000000000000001.parquet", "_metadata.json");
            } finally {
                store.deletePrefix("LandingZone/hygge_it.schema/" + table + "/");
                store.deletePrefix("_hygge_mirroring/hygge_it.schema/" + table + "/");
            }
        }
    }
}
