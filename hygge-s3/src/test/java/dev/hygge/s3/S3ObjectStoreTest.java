package dev.hygge.s3;

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

/** The object-store contract and the commit protocol against S3Mock, started by the test run. */
@ExtendWith(S3MockServer.class)
class S3ObjectStoreTest extends ObjectStoreContract {
    @Override
    protected ObjectStore open() {
        return ObjectStores.open("s3://" + S3MockServer.BUCKET + "/t-" + UUID.randomUUID(), S3MockServer.settings());
    }

    /** Above the 5 MiB part size the tests set: a multipart upload of three parts. */
    @Override
    protected int largeFileBytes() {
        return 11 * 1024 * 1024 + 17;
    }

    @Test
    void aMissingBucketIsNamed() {
        try (ObjectStore missing = ObjectStores.open("s3://no-such-bucket/x", S3MockServer.settings())) {
            assertThatThrownBy(() -> missing.put(bytes("x"), "a", WriteMode.OVERWRITE))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("bucket 'no-such-bucket' does not exist")
                    .hasMessageNotContaining("hygge-secret");
        }
    }

    @Test
    void settingsAreCheckedAllAtOnceWithoutEchoingSecrets() {
        Map<String, String> bad = new HashMap<>(Map.of("secret_access_key", "hunter2", "part_size_mb", "1",
                "endpoint", "ftp://x", "regoin", "eu"));
        assertThatThrownBy(() -> ObjectStores.open("s3://b/p", bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access_key_id")
                .hasMessageContaining("part_size_mb must be from 5")
                .hasMessageContaining("endpoint must be an http(s)")
                .hasMessageContaining("'regoin' is not a setting")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aLocationHasABucketAndAPathOnly() {
        assertThatThrownBy(() -> ObjectStores.open("s3://b/../x", S3MockServer.settings()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'..'");
        assertThat(S3Location.parse(java.net.URI.create("s3://lake/sales/orders")).prefix()).isEqualTo("sales/orders/");
    }
}
