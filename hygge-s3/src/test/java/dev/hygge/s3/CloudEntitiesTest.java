package dev.hygge.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.WriteMode;
import dev.hygge.storage.ObjectStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code entities: "*"} over an s3:// folder on S3Mock: its sub-folders, hygge's own and hidden ones left out. */
@ExtendWith(S3MockServer.class)
class CloudEntitiesTest {
    @TempDir
    Path dir;

    private Project load(String lake, String storage) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  f:
                    home: {type: parquet, path: "%s", storage: %s}
                    store: {type: parquet, path: lake}
                    entities: "*"
                """.formatted(lake, storage));
        Project project = Project.load(dir, Map.<String, String>of()::get);
        project.validate(Plugins.discover());
        return project;
    }

    private static String inline() {
        Map<String, String> s = S3MockServer.settings();
        return "{endpoint: \"" + s.get("endpoint") + "\", region: us-east-1, access_key_id: hygge, secret_access_key: hygge-secret}";
    }

    @Test
    void theSubFoldersOfACloudFolderAreTheEntities() throws Exception {
        String lake = "s3://" + S3MockServer.BUCKET + "/entities-" + UUID.randomUUID();
        try (ObjectStore store = ObjectStores.open(lake, S3MockServer.settings())) {
            for (String key : new String[] {"orders/orders_0.parquet", "customers/part/customers_0.parquet",
                    "_hygge_staging/run/x.parquet", ".hidden/y.parquet", "loose.parquet"}) {
                store.put("x".getBytes(StandardCharsets.UTF_8), key, WriteMode.OVERWRITE);
            }
        }
        Project project = load(lake + "/", inline());
        assertThat(project.flows()).extracting(d -> d.entity().orElseThrow()).containsExactly("customers", "orders");
        assertThat(project.flows()).extracting(FlowDefinition::label).containsExactly("f/customers", "f/orders");
    }

    @Test
    void aNamedStorageConnectionIsRefusedForListingSayingWhatToWrite() {
        String lake = "s3://" + S3MockServer.BUCKET + "/entities-" + UUID.randomUUID();
        Throwable thrown = catchThrowable(() -> load(lake + "/", "{connection: lake}"));
        assertThat(thrown).hasMessageContaining("entities: \"*\"").hasMessageContaining("storage:");
    }
}
