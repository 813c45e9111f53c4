package dev.hygge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.ObjectStore;
import dev.hygge.testkit.ObjectStoreContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The object-store contract on local disk, and how locations resolve. */
class LocalObjectStoreTest extends ObjectStoreContract {
    @Override
    protected ObjectStore open() {
        return ObjectStores.open(local.resolve("root").toString(), Map.of());
    }

    @Test
    void plainPathsAndFileUrlsAreLocal() {
        assertThat(ObjectStores.isLocal("lake/orders")).isTrue();
        assertThat(ObjectStores.isLocal("C:\\lake")).isTrue();
        assertThat(ObjectStores.isLocal("file:///tmp/lake")).isTrue();
        assertThat(ObjectStores.isLocal("s3://bucket/lake")).isFalse();
        assertThat(ObjectStores.open("file://" + local, Map.of())).isInstanceOf(LocalObjectStore.class);
    }

    @Test
    void aUrlNoPluginServesNamesTheModulesAndHidesTheQuery() {
        assertThatThrownBy(() -> ObjectStores.open("gs://bucket/x?sig=secret", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no storage plugin serves 'gs://bucket/x'")
                .hasMessageContaining("hygge-s3")
                .hasMessageNotContaining("secret");
    }

    @Test
    void localDiskTakesNoCredentials() {
        assertThatThrownBy(() -> ObjectStores.open("lake", Map.of("storage_account_key", "k")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("local disk");
    }
}
