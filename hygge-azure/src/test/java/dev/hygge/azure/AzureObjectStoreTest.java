package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteMode;
import dev.hygge.storage.ObjectStores;
import dev.hygge.testkit.ObjectStoreContract;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The object-store contract and the flat-namespace commit protocol (copy, then delete) against
 * Azurite's Blob endpoint, started by the test run. Azurite has no DFS endpoint: the rename path
 * of ADLS Gen2 and OneLake is not exercised here (see AzureLocationTest for what is).
 */
@ExtendWith(AzuriteServer.class)
class AzureObjectStoreTest extends ObjectStoreContract {
    @Override
    protected ObjectStore open() {
        return ObjectStores.open(AzuriteServer.accountUrl() + "/" + AzuriteServer.CONTAINER + "/t-" + UUID.randomUUID(),
                AzuriteServer.settings());
    }

    @Test
    void aMissingContainerIsNamed() {
        try (ObjectStore missing = ObjectStores.open(AzuriteServer.accountUrl() + "/no-such-container/x",
                AzuriteServer.settings())) {
            assertThatThrownBy(() -> missing.put(bytes("x"), "a", WriteMode.OVERWRITE))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("container 'no-such-container' does not exist in storage account 'devstoreaccount1'");
        }
    }

    @Test
    void aWrongAccountKeyIsRefusedNamingTheAccountNotTheKey() {
        String wrong = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";
        try (ObjectStore refused = ObjectStores.open(AzuriteServer.accountUrl() + "/" + AzuriteServer.CONTAINER + "/x",
                Map.of("credential", "storage_key", "storage_account_key", wrong))) {
            assertThatThrownBy(() -> refused.put(bytes("x"), "a", WriteMode.OVERWRITE))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("storage account 'devstoreaccount1' refused access")
                    .hasMessageNotContaining(wrong);
        }
    }

    @Test
    void settingsAreCheckedAllAtOnceWithoutEchoingSecrets() {
        Map<String, String> bad = new HashMap<>(Map.of("credential", "service_principal", "client_secret", "hunter2",
                "storage_account_key", "k3y", "block_size_mb", "0"));
        assertThatThrownBy(() -> ObjectStores.open("abfss://lake@contoso.dfs.core.windows.net/sales", bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs tenant_id")
                .hasMessageContaining("needs client_id")
                .hasMessageContaining("storage_account_key is only read with credential: storage_key")
                .hasMessageContaining("block_size_mb must be from 1")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("k3y");
    }

    @Test
    void theEmulatorIsAFlatNamespace() {
        assertThat(store.hierarchical()).isFalse();
        assertThat(store.atomicRename()).isFalse();
    }
}
