package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.jdbc.IfExists;
import dev.hygge.jdbc.WriteStrategy;
import dev.hygge.spi.Home;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end against a real SQL Server (see {@link MssqlServer}): every type through bulk copy
 * and back, every write strategy, parallel streams, partitioned reads, a million rows.
 */
@ExtendWith(MssqlServer.Required.class)
class MssqlRoundTripIT {
    private static MssqlConnection pool;
    private static RootAllocator allocator;

    @BeforeAll
    static void connect() {
        if (MssqlServer.url().isEmpty()) {
            return; // every test reports itself skipped, saying how to run it
        }
        pool = MssqlServer.pool("it", 8);
        allocator = new RootAllocator();
    }

    @AfterAll
    static void close() {
        if (pool != null) {
            pool.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }

    private static MssqlStoreOptions store(String table, IfExists ifExists, WriteStrategy strategy, String... keys) {
        MssqlStoreOptions options = new MssqlStoreOptions();
        options.connection = "it";
        options.table = table;
        options.ifExists = ifExists;
        options.writeStrategy = strategy;
        options.keys = new ArrayList<>(List.of(keys));
        options.parallelWorkers = 4;
        options.batchSize = 10_000;
        return options;
    }

    private static FlowResult write(Home home, MssqlStoreOptions options) {
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).build();
             MssqlStore store = new MssqlStore(options, pool, allocator)) {
            return hygge.flow("it").from(home).to(store).parallelism(4).run();
        }
    }

    private static List<List<Object>> read(String table, int partitions) {
        MssqlHomeOptions options = new MssqlHomeOptions();
        options.connection = "it";
        options.table = table;
        options.partitionColumn = partitions > 1 ? "id" : null;
        options.partitions = partitions;
        CollectingStore sink = new CollectingStore(4);
        try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().build()).build()) {
            FlowResult result = hygge.flow("back").from(new MssqlHome(options.validate("it"), pool)).to(sink).parallelism(4).run();
            assertThat(result.succeeded()).as(String.valueOf(result)).isTrue();
        }
        List<List<Object>> rows = new ArrayList<>(sink.committed());
        rows.sort(Comparator.comparing(r -> ((Number) r.get(0)).longValue()));
        return rows;
    }

    private static long scalar(String sql) throws Exception {
        try (Connection c = pool.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Same value whatever integer or float width it came back as. */
    private static List<Object> normalize(List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (Object v : row) {
            if (v instanceof Float || v instanceof Double) {
                out.add(((Number) v).doubleValue());
            } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
                out.add(n.longValue());
            } else {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void everyTypeRoundTripsExactlyThroughBulkCopyAndPartitionedReads() throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.allTypes()).rows(20_000).batchSize(3_000).splits(4).build();
        FlowResult written = write(home, store("dbo.it_all_types", IfExists.REPLACE, WriteStrategy.TEMP_SWAP));
        assertThat(written.succeeded()).as(String.valueOf(written)).isTrue();
        assertThat(written.rowsWritten()).isEqualTo(20_000);

        List<List<Object>> back = read("dbo.it_all_types", 4);
        try (var root = TestBatches.generate(TestBatches.allTypes(), allocator, 0, 20_000)) {
            List<List<Object>> expected = TestBatches.rows(root);
            assertThat(back).hasSize(20_000);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(normalize(back.get(i))).as("row %d", i).isEqualTo(normalize(expected.get(i)));
            }
        }
        assertThat(scalar("SELECT COUNT(*) FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.it_all_types') AND type = 5"))
                .as("clustered columnstore").isEqualTo(1);
    }

    @Test
    void everyStrategyAppliesAsDocumented() throws Exception {
        String t = "dbo.it_strategies";
        GeneratedHome first = GeneratedHome.builder(TestBatches.benchmark()).rows(30_000).batchSize(5_000).splits(3).build();
        assertThat(write(first, store(t, IfExists.REPLACE, WriteStrategy.TEMP_SWAP)).succeeded()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).isEqualTo(30_000);

        assertThat(write(first, store(t, IfExists.APPEND, WriteStrategy.TEMP_SWAP)).succeeded()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).isEqualTo(60_000);

        assertThat(write(first, store(t, IfExists.TRUNCATE, WriteStrategy.TEMP_SWAP)).succeeded()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).isEqualTo(30_000);

        assertThat(write(first, store(t, IfExists.FAIL, WriteStrategy.TEMP_SWAP)).succeeded()).isFalse();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).isEqualTo(30_000);

        assertThat(write(first, store(t, IfExists.APPEND, WriteStrategy.DIRECT_INSERT)).succeeded()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).isEqualTo(60_000);

        assertThat(write(first, store(t, IfExists.REPLACE, WriteStrategy.TEMP_SWAP)).succeeded()).isTrue();
        GeneratedHome overlap = GeneratedHome.builder(TestBatches.benchmark()).rows(40_000).batchSize(5_000).build();
        assertThat(write(overlap, store(t, IfExists.APPEND, WriteStrategy.MERGE, "id")).succeeded()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).isEqualTo(40_000);
        assertThat(scalar("SELECT COUNT(DISTINCT id) FROM " + t)).isEqualTo(40_000);

        GeneratedHome failing = GeneratedHome.builder(TestBatches.benchmark()).rows(30_000).batchSize(5_000).failAtRow(20_000).build();
        assertThat(write(failing, store(t, IfExists.REPLACE, WriteStrategy.TEMP_SWAP)).succeeded()).isFalse();
        assertThat(scalar("SELECT COUNT(*) FROM " + t)).as("a failed flow leaves the table as it was").isEqualTo(40_000);
        assertThat(scalar("SELECT COUNT(*) FROM sys.tables WHERE name LIKE 'hygge_stage_%'")).isZero();
    }

    @Test
    void aMillionRowsInParallelStreams() throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(1_000_000).batchSize(50_000).splits(4).build();
        MssqlStoreOptions options = store("dbo.it_million", IfExists.REPLACE, WriteStrategy.TEMP_SWAP);
        options.batchSize = 102_400;
        FlowResult result = write(home, options);
        assertThat(result.succeeded()).as(String.valueOf(result)).isTrue();
        assertThat(scalar("SELECT COUNT_BIG(*) FROM dbo.it_million")).isEqualTo(1_000_000);
        assertThat(scalar("SELECT SUM(CAST(id AS BIGINT)) FROM dbo.it_million")).isEqualTo(999_999L * 1_000_000 / 2);
    }

    @Test
    void starListsTheTablesAndViewsOfASchema() throws Exception {
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("IF SCHEMA_ID('hygge_list') IS NULL EXEC('CREATE SCHEMA hygge_list')");
            st.execute("DROP VIEW IF EXISTS hygge_list.v_b");
            st.execute("DROP TABLE IF EXISTS hygge_list.b");
            st.execute("DROP TABLE IF EXISTS hygge_list.A");
            st.execute("CREATE TABLE hygge_list.A (id INT)");
            st.execute("CREATE TABLE hygge_list.b (id INT)");
            st.execute("CREATE VIEW hygge_list.v_b AS SELECT id FROM hygge_list.b");
        }
        MssqlEntityLister lister = new MssqlEntityLister((name, options) -> pool.pool().dataSource());
        dev.hygge.config.EntityLister.Source source = new dev.hygge.config.EntityLister.Source(
                java.util.Map.of("connection", "it", "table", "hygge_list.{entity}"),
                java.util.Optional.of(new dev.hygge.config.EntityLister.NamedConnection("it", "mssql",
                        java.util.Map.of("server", "it", "user", "u", "password", "p"))));
        assertThat(lister.entities(source)).containsExactly("A", "b", "v_b");
    }
}
