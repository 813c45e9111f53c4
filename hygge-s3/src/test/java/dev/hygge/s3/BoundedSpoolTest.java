package dev.hygge.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.duckdb.DuckDbStoreFactory;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.Plugins;
import dev.hygge.storage.ObjectStores;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.testkit.TestKit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud Store's and Home's local spools stay bounded whatever the table's size: measured from
 * every upload and download ({@link SpoolSpy}), with transfers slowed so that they lag the encoder.
 */
@ExtendWith(S3MockServer.class)
class BoundedSpoolTest {
    /** Files in flight: the Store's and the Home's bound (CloudParquetWrite.UPLOADS, CloudParquetHome's read-ahead). */
    private static final int IN_FLIGHT = 4;

    @TempDir
    Path dir;

    private static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory())
                .store(new DuckDbStoreFactory()));
    }

    private static Map<String, Object> at(String path, Object... more) {
        Map<String, Object> options = new HashMap<>(Map.of("path", path, "storage", S3MockServer.settings()));
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        return options;
    }

    /**
     * A write that fails while files are uploading leaves no staged object, even where an upload's call returns
     * when interrupted while its request goes on (as the Azure SDK's did on Azurite, about one run in ten): the
     * abort lets running uploads end before it removes what they staged.
     */
    @Test
    void aFailedWriteLeavesNoStagedObjectFromAnUploadThatLandsLate() throws Exception {
        String lake = "spys3://" + S3MockServer.BUCKET + "/late-" + UUID.randomUUID();
        SpoolSpy.reset(Duration.ofMillis(400));
        SpoolSpy.landsLateWhenInterrupted = true;
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("orders").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(40_000).batchSize(1_000).failAtRow(12_000).build())
                    .to("parquet", at(lake, "rows_per_file", 2_000L)).run())
                    .isNotNull();
        } finally {
            SpoolSpy.landsLateWhenInterrupted = false;
        }
        SpoolSpy.awaitLate();
        assertThat(SpoolSpy.transfers.get()).as("uploads begun before the failure").isPositive();
        try (ObjectStore store = ObjectStores.open(lake.replaceFirst("^spys3:", "s3:"), S3MockServer.settings())) {
            assertThat(store.list("orders/").stream().map(dev.hygge.spi.ObjectInfo::key)
                    .filter(key -> key.contains("_hygge_staging") || key.endsWith(".parquet"))).isEmpty();
        }
    }

    @Test
    void aWriteOfManyFilesHoldsAtMostTheFilesInFlightPlusTheOneBeingEncoded() throws Exception {
        String lake = "spys3://" + S3MockServer.BUCKET + "/bounded-" + UUID.randomUUID();
        SpoolSpy.reset(Duration.ofMillis(150));
        try (Hygge hygge = runtime()) {
            FlowResult written = hygge.flow("orders").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(60_000).batchSize(1_000).build())
                    .to("parquet", at(lake, "rows_per_file", 2_000L)).run();
            assertThat(written.rowsWritten()).isEqualTo(60_000);
        }
        assertThat(SpoolSpy.transfers.get()).as("one upload per file").isGreaterThanOrEqualTo(30);
        assertThat(SpoolSpy.peakFiles.get()).as("files with bytes in the spool at once, of 30 written")
                .isPositive().isLessThanOrEqualTo(IN_FLIGHT + 1);
        try (ObjectStore store = ObjectStores.open(lake.replaceFirst("^spys3:", "s3:"), S3MockServer.settings())) {
            assertThat(store.list("orders/", "*.parquet")).hasSize(30);
            assertThat(store.list("orders/_hygge_staging/")).isEmpty();
        }
        Path database = dir.resolve("back.duckdb");
        try (Hygge hygge = runtime()) {
            hygge.flow("back").from("parquet", at(lake.replaceFirst("^spys3:", "s3:") + "/orders"))
                    .to("duckdb", Map.of("path", database.toString(), "table", "orders")).run();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(60_000);
        }
    }

    @Test
    void aReadOfManyFilesHoldsAtMostTheReadAheadPlusTheFileBeingRead() throws Exception {
        String lake = "s3://" + S3MockServer.BUCKET + "/streamed-" + UUID.randomUUID();
        try (Hygge hygge = runtime()) {
            hygge.flow("orders").from(GeneratedHome.builder(TestBatches.allTypes()).rows(40_000).batchSize(1_000).build())
                    .to("parquet", at(lake, "rows_per_file", 2_000L)).run();
        }
        SpoolSpy.reset(Duration.ofMillis(100));
        Path database = dir.resolve("streamed.duckdb");
        try (Hygge hygge = runtime()) {
            FlowResult read = hygge.flow("back").parallelism(1).from("parquet", at(lake.replaceFirst("^s3:", "spys3:")))
                    .to("duckdb", Map.of("path", database.toString(), "table", "orders")).run();
            assertThat(read.rowsWritten()).isEqualTo(40_000);
        }
        assertThat(SpoolSpy.transfers.get()).as("each of the 20 files downloaded once, the first twice (its columns)")
                .isEqualTo(21);
        assertThat(SpoolSpy.peakFiles.get()).as("files in the read spool at once, of 20 read")
                .isPositive().isLessThanOrEqualTo(IN_FLIGHT + 1);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT id) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(40_000);
            assertThat(rs.getLong(2)).as("no row read twice").isEqualTo(40_000);
        }
    }

    @Test
    void aParallelStreamedReadReadsEveryRowOnce() throws Exception {
        String lake = "s3://" + S3MockServer.BUCKET + "/parallel-" + UUID.randomUUID();
        try (Hygge hygge = runtime()) {
            hygge.flow("orders").from(GeneratedHome.builder(TestBatches.allTypes()).rows(30_000).batchSize(1_000).splits(3).build())
                    .to("parquet", at(lake, "rows_per_file", 1_500L)).run();
        }
        SpoolSpy.reset(Duration.ZERO);
        Path database = dir.resolve("parallel.duckdb");
        try (Hygge hygge = runtime()) {
            hygge.flow("back").parallelism(4).from("parquet", at(lake.replaceFirst("^s3:", "spys3:") + "/*.parquet"))
                    .to("duckdb", Map.of("path", database.toString(), "table", "orders")).run();
        }
        assertThat(SpoolSpy.peakFiles.get()).isLessThanOrEqualTo(IN_FLIGHT + 4);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(30_000);
        }
    }
}
