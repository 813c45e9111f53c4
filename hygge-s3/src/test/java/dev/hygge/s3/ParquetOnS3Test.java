package dev.hygge.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
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

/** The parquet Store and Home at an s3:// location on S3Mock, read back into DuckDB. */
@ExtendWith(S3MockServer.class)
class ParquetOnS3Test {
    @TempDir
    Path dir;

    private static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory())
                .store(new DuckDbStoreFactory()));
    }

    private static String lake() {
        return "s3://" + S3MockServer.BUCKET + "/lake-" + UUID.randomUUID();
    }

    private static Map<String, Object> parquet(String path, Object... more) {
        Map<String, Object> options = new HashMap<>(Map.of("path", path, "storage", S3MockServer.settings()));
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        return options;
    }

    private long count(Path database, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void parquetToS3ThenS3ToDuckDbReadsEveryRowBack() throws Exception {
        String lake = lake();
        Path database = dir.resolve("back.duckdb");
        try (Hygge hygge = runtime()) {
            FlowResult written = hygge.flow("orders").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(30_000).batchSize(5_000).splits(2).build())
                    .to("parquet", parquet(lake, "rows_per_file", 10_000L)).run();
            assertThat(written.rowsWritten()).isEqualTo(30_000);
            written = hygge.flow("more").entity("orders")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(5_000).build())
                    .to("parquet", parquet(lake)).run();

            hygge.flow("back").from("parquet", parquet(lake + "/orders"))
                    .to("duckdb", Map.of("path", database.toString(), "table", "orders")).run();
        }
        assertThat(count(database, "orders")).isEqualTo(35_000);
        try (ObjectStore store = ObjectStores.open(lake, S3MockServer.settings())) {
            List<String> names = store.list("orders/", "*.parquet").stream().map(ObjectInfo::name).toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(4).allMatch(n -> n.matches("orders_\\d{20}\\.parquet"));
            assertThat(names).doesNotHaveDuplicates();
            assertThat(store.list("orders/_hygge_staging/")).isEmpty();
        }
    }

    /**
     * A local parquet file goes up in-engine (DuckDB's COPY writes the spool's files, each uploaded once whole),
     * rows_per_file too: the same objects, with the same rows each and in the same order, as the Arrow path's.
     */
    @Test
    void aParquetFileGoesUpInEngineAsTheArrowPathWritesIt() throws Exception {
        Path source = dir.resolve("source.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            c.createStatement().execute("COPY (SELECT i AS id, 'v' || i AS s, i / 3.0 AS d FROM range(25000) t(i)) TO '"
                    + source + "' (FORMAT parquet, ROW_GROUP_SIZE 5000)");
        }
        String engine = lake();
        String arrow = lake();
        try (Hygge hygge = runtime()) {
            assertThat(hygge.plan(hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", parquet(engine, "rows_per_file", 10_000L)).build()).path())
                    .hasValueSatisfying(p -> assertThat(p).startsWith("in-engine (duckdb)"));
            for (boolean arrowPath : new boolean[] {false, true}) {
                FlowResult written = hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                        .to("parquet", parquet(arrowPath ? arrow : engine, "rows_per_file", 10_000L))
                        .parallelism(1).arrowPath(arrowPath).run();
                assertThat(written.rowsWritten()).isEqualTo(25_000);
            }
        }
        assertThat(objects(engine, "engine")).isEqualTo(objects(arrow, "arrow"))
                .extracting(o -> o.get(1)).containsExactly(10_000L, 10_000L, 5_000L);
    }

    /** Each parquet object's name, row count and a digest of its rows in order, downloaded into {@code local}. */
    private List<List<Object>> objects(String lake, String local) throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve(local));
        List<List<Object>> found = new java.util.ArrayList<>();
        try (ObjectStore store = ObjectStores.open(lake, S3MockServer.settings());
             Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(store.list("_hygge_staging/")).isEmpty();
            for (ObjectInfo object : store.list("", "*.parquet")) {
                Path file = folder.resolve(object.name());
                store.download(object.key(), file);
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*), md5(string_agg(id || s || d, ',' ORDER BY"
                        + " file_row_number)) FROM read_parquet('" + file + "', file_row_number = true)")) {
                    rs.next();
                    found.add(List.of(object.name(), rs.getLong(1), rs.getString(2)));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(o -> (String) o.get(0)));
        return found;
    }

    @Test
    void replaceLeavesOnlyTheNewFiles() throws Exception {
        String lake = lake();
        Path database = dir.resolve("replaced.duckdb");
        try (Hygge hygge = runtime()) {
            hygge.flow("t").from(GeneratedHome.builder(TestBatches.allTypes()).rows(20_000).build())
                    .to("parquet", parquet(lake)).run();
            hygge.flow("t").from(GeneratedHome.builder(TestBatches.allTypes()).rows(7_000).build())
                    .to("parquet", parquet(lake, "if_exists", "replace")).run();
            hygge.flow("back").from("parquet", parquet(lake + "/*.parquet"))
                    .to("duckdb", Map.of("path", database.toString(), "table", "t")).run();
        }
        assertThat(count(database, "t")).isEqualTo(7_000);
    }

    @Test
    void aFailingFlowLeavesNothingVisible() throws Exception {
        String lake = lake();
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("t")
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(50_000).batchSize(1_000).failAtRow(20_000).build())
                    .to("parquet", parquet(lake, "rows_per_file", 5_000L)).run())
                    .isNotNull();
        }
        try (ObjectStore store = ObjectStores.open(lake, S3MockServer.settings())) {
            assertThat(store.list("", "**.parquet")).isEmpty();
        }
    }

    @Test
    void aSecondWriterIsRefusedNamingTheFirst() throws Exception {
        String lake = lake();
        try (ObjectStore store = ObjectStores.open(lake, S3MockServer.settings());
             dev.hygge.spi.WriterLease first = store.lease("orders/_hygge.lock",
                     new dev.hygge.spi.DestinationLock.Holder("other-run", "other-flow"), java.time.Duration.ofSeconds(5));
             Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("orders").entity("orders").lockTimeout(java.time.Duration.ofSeconds(1))
                    .from(GeneratedHome.builder(TestBatches.allTypes()).rows(1_000).build())
                    .to("parquet", parquet(lake)).run())
                    .hasStackTraceContaining("held by another writer")
                    .hasStackTraceContaining("other-run");
            assertThat(store.list("orders/", "**.parquet")).isEmpty();
        }
    }
}
