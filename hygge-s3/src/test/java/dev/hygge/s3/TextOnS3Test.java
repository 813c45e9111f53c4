package dev.hygge.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.duckdb.DuckDbStoreFactory;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.ObjectInfo;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CSV and NDJSON files at an s3:// location on S3Mock: written by the Store, read back by the Home (few files and streamed). */
@ExtendWith(S3MockServer.class)
class TextOnS3Test {
    @TempDir
    Path dir;

    private static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory())
                .store(new DuckDbStoreFactory()));
    }

    private static String lake() {
        return "s3://" + S3MockServer.BUCKET + "/text-" + UUID.randomUUID();
    }

    private static Map<String, Object> at(String path, Object... more) {
        Map<String, Object> options = new HashMap<>(Map.of("path", path, "storage", S3MockServer.settings()));
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        return options;
    }

    private long[] countAndSum(Path database, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), sum(id), count(DISTINCT id) FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private void roundTrip(String format, String extension, long rowsPerFile, int rows) throws Exception {
        String lake = lake();
        Path database = dir.resolve(format + rowsPerFile + ".duckdb");
        try (Hygge hygge = runtime()) {
            hygge.flow("orders").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.benchmark()).rows(rows).batchSize(1_000).build())
                    .to("parquet", at(lake, "format", format, "rows_per_file", rowsPerFile)).run();
            hygge.flow("back").from("parquet", at(lake + "/orders/*" + extension))
                    .to("duckdb", Map.of("path", database.toString(), "table", "orders")).run();
        }
        try (ObjectStore store = ObjectStores.open(lake, S3MockServer.settings())) {
            List<String> names = store.list("orders/").stream().map(ObjectInfo::name).filter(n -> !n.startsWith("_")).toList();
            assertThat(names).isNotEmpty().allMatch(n -> n.endsWith(extension));
            assertThat(names).hasSize((int) ((rows + rowsPerFile - 1) / rowsPerFile));
        }
        long expectedSum = (long) rows * (rows - 1) / 2;
        assertThat(countAndSum(database, "orders")).containsExactly(rows, expectedSum, rows);
    }

    @Test
    void csvFilesGoUpAndComeBackAsOneFolder() throws Exception {
        roundTrip("csv", ".csv", 4_000L, 10_000);
    }

    @Test
    void csvFilesComeBackStreamedWhenThereAreMoreThanTheReadAhead() throws Exception {
        roundTrip("csv", ".csv", 1_000L, 9_000);
    }

    @Test
    void ndjsonFilesGoUpAndComeBackStreamed() throws Exception {
        roundTrip("ndjson", ".ndjson", 1_000L, 7_000);
    }

    @Test
    void aCloudCsvHomeThatSkipsBadRowsNeedsALocalRejectsPath() {
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("back").from("parquet", at(lake() + "/orders/*.csv", "on_bad_row", "skip"))
                    .to("duckdb", Map.of("path", dir.resolve("x.duckdb").toString(), "table", "t")).run())
                    .hasMessageContaining("rejects_path");
        }
    }
}
