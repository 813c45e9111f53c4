package dev.hygge.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.ObjectInfo;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.WriteMode;
import dev.hygge.storage.ObjectCommit;
import dev.hygge.storage.ObjectStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A writer process killed (SIGKILL) while it uploads to Azure Blob (Azurite): nothing becomes
 * visible, its blob lease lapses (60 s), and the next writer removes what it staged.
 */
@ExtendWith(AzuriteServer.class)
class AzureKillTest {
    @Test
    void aWriterKilledMidUploadLeavesNothingVisibleAndTheNextRunCleansUp() throws Exception {
        String location = AzuriteServer.accountUrl() + "/" + AzuriteServer.CONTAINER + "/kill-" + UUID.randomUUID();
        try (ObjectStore store = ObjectStores.open(location, AzuriteServer.settings())) {
            store.put("old".getBytes(StandardCharsets.UTF_8), "orders/orders_0.parquet", WriteMode.OVERWRITE);

            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledAzureUploadChild.class.getName(), location));
            AzuriteServer.settings().forEach((k, v) -> command.add(k + "=" + v));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("staging")) {
                    // the child's log, until it stages
                }
                assertThat(line).as("the child reached staging").isEqualTo("staging");
                Thread.sleep(1500);                                   // into the large block uploads
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(store.list("orders/_hygge_staging/")).as("the dead run staged files").isNotEmpty();
            assertThat(keys(ObjectCommit.visible(store, "orders"))).containsExactly("orders/orders_0.parquet");
            assertThat(keys(store.list("orders/", "*.parquet"))).containsExactly("orders/orders_0.parquet");

            long start = System.nanoTime();
            try (ObjectCommit next = ObjectCommit.begin(store, "orders", "next",
                    new DestinationLock.Holder("next", "kill-test"), Duration.ofSeconds(120))) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the dead lease to lapse")
                        .isLessThan(Duration.ofSeconds(90));
                assertThat(store.list("orders/_hygge_staging/")).isEmpty();
            }
            assertThat(keys(store.list("orders/", "**")).stream().filter(k -> !k.endsWith("_hygge.lock")).toList())
                    .containsExactly("orders/orders_0.parquet");
        }
    }

    private static List<String> keys(List<ObjectInfo> objects) {
        return objects.stream().map(ObjectInfo::key).toList();
    }
}
