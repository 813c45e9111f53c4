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

    /**
     * SQL Server's own types through the Home: what mssql-jdbc really reports for each (type code,
     * name, scale) and returns from each getter, which {@link MssqlTypeConvertersTest} can only
     * stand in for.
     */
    @Test
    void sqlServersOwnTypesArriveThroughTheConverterSet() throws Exception {
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS dbo.it_sql_types");
            st.execute("CREATE TABLE dbo.it_sql_types (id INT NOT NULL, dto DATETIMEOFFSET(7), d2 DATETIME2(7), dt DATETIME,"
                    + " sdt SMALLDATETIME, tm TIME(7), m MONEY, sm SMALLMONEY, u UNIQUEIDENTIFIER, ti TINYINT, x XML,"
                    + " v SQL_VARIANT, g GEOGRAPHY, rv ROWVERSION, nv NVARCHAR(MAX), d DATE)");
            st.execute("INSERT INTO dbo.it_sql_types (id, dto, d2, dt, sdt, tm, m, sm, u, ti, x, v, g, nv, d) VALUES (1,"
                    + " '2024-03-31 01:30:00.1234567 +05:30', '2024-03-31 01:30:00.1234567', '1999-12-31 23:59:59.997',"
                    + " '2000-01-01 10:15:00', '23:59:59.9999999', 922337203685477.5807, -214748.3648,"
                    + " '0E984725-C51C-4BF4-9960-E1C80E27ABA0', 255, '<a>1</a>', CAST(42 AS INT),"
                    + " geography::Point(47.65, -122.34, 4326), N'näme 😀', '0001-01-01')");
        }
        MssqlHomeOptions options = new MssqlHomeOptions();
        options.connection = "it";
        options.table = "dbo.it_sql_types";
        MssqlHome home = new MssqlHome(options.validate("it"), pool);
        try (var reader = home.open(home.splits().get(0), allocator)) {
            var root = reader.getVectorSchemaRoot();
            assertThat(root.getSchema().getFields()).extracting(f -> f.getType().toString()).containsExactly("Int(32, true)",
                    "Timestamp(NANOSECOND, UTC)", "Timestamp(NANOSECOND, null)", "Timestamp(MILLISECOND, null)",
                    "Timestamp(SECOND, null)", "Time(NANOSECOND, 64)", "Decimal(19, 4, 128)", "Decimal(10, 4, 128)",
                    "FixedSizeBinary(16)", "Int(8, false)", "Utf8", "Utf8", "Binary", "Binary", "Utf8", "Date(DAY)");
            assertThat(root.getSchema().findField("nv").getMetadata()).containsEntry("hygge.sql.length", "max");
            assertThat(root.getSchema().findField("rv").getMetadata()).containsEntry("hygge.sql.length", "8");
            assertThat(reader.loadNextBatch()).isTrue();
            java.time.LocalDateTime wall = java.time.LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_700);
            long wallNanos = wall.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000_000L + wall.getNano();
            assertThat(((org.apache.arrow.vector.TimeStampVector) root.getVector("dto")).get(0))
                    .isEqualTo(wallNanos - 19_800L * 1_000_000_000L);
            assertThat(((org.apache.arrow.vector.TimeStampVector) root.getVector("d2")).get(0)).isEqualTo(wallNanos);
            assertThat(root.getVector("dt").getObject(0)).isEqualTo(java.time.LocalDateTime.of(1999, 12, 31, 23, 59, 59, 997_000_000));
            assertThat(root.getVector("sdt").getObject(0)).isEqualTo(java.time.LocalDateTime.of(2000, 1, 1, 10, 15));
            assertThat(((org.apache.arrow.vector.TimeNanoVector) root.getVector("tm")).get(0))
                    .isEqualTo(java.time.LocalTime.of(23, 59, 59, 999_999_900).toNanoOfDay());
            assertThat(root.getVector("m").getObject(0)).isEqualTo(new BigDecimal("922337203685477.5807"));
            assertThat(root.getVector("sm").getObject(0)).isEqualTo(new BigDecimal("-214748.3648"));
            assertThat(MssqlTypes.isUuid(root.getSchema().findField("u"))).isTrue();
            assertThat(BulkBytes.uuid((byte[]) root.getVector("u").getObject(0)))
                    .isEqualTo(java.util.UUID.fromString("0e984725-c51c-4bf4-9960-e1c80e27aba0"));
            assertThat(((org.apache.arrow.vector.UInt1Vector) root.getVector("ti")).getObjectNoOverflow(0)).as("tinyint 255, not -1")
                    .isEqualTo((short) 255);
            assertThat(root.getVector("x").getObject(0)).hasToString("<a>1</a>");
            assertThat(root.getVector("v").getObject(0)).hasToString("42");
            assertThat((byte[]) root.getVector("g").getObject(0)).isNotEmpty();
            assertThat((byte[]) root.getVector("rv").getObject(0)).hasSize(8);
            assertThat(root.getVector("nv").getObject(0)).hasToString("näme 😀");
            assertThat(((org.apache.arrow.vector.DateDayVector) root.getVector("d")).get(0))
                    .isEqualTo((int) java.time.LocalDate.of(1, 1, 1).toEpochDay());
            assertThat(reader.loadNextBatch()).isFalse();
        }
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

    /**
     * Incremental reads against SQL Server (issue 12): for each kind of watermark column, the value
     * of row 899 as the Home reads it is the watermark; the partitioned read then returns exactly
     * the later rows, never row 899 itself: {@code datetime2(7)} to the 100 ns, {@code datetimeoffset(7)}
     * stored at +05:30 (bound at +00:00, the same instant), {@code datetime} at 1/300 s (bound as
     * datetime, not datetime2, which would find the row again), decimal, bigint, nvarchar, varchar, date.
     */
    @Test
    void incrementalReadsBindEachWatermarkAsItsColumnsTypeAndExcludeTheLastRowRead() throws Exception {
        try (Connection c = pool.connection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS dbo.it_incremental");
            st.execute("CREATE TABLE dbo.it_incremental (id BIGINT NOT NULL, d2 DATETIME2(7), dto DATETIMEOFFSET(7), dt DATETIME,"
                    + " amount DECIMAL(12,2), name NVARCHAR(20), code VARCHAR(10), day DATE)");
            st.execute("WITH n AS (SELECT TOP 1000 ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS i FROM sys.all_objects a"
                    + " CROSS JOIN sys.all_objects b)"
                    + " INSERT INTO dbo.it_incremental SELECT i,"
                    + " CASE WHEN i % 50 = 0 THEN NULL ELSE DATEADD(NANOSECOND, 100 * i, CAST('2024-03-31 01:30:00.0000001' AS DATETIME2(7))) END,"
                    + " CASE WHEN i % 50 = 0 THEN NULL ELSE TODATETIMEOFFSET(DATEADD(NANOSECOND, 100 * i,"
                    + " CAST('2024-03-31 01:30:00.0000001' AS DATETIME2(7))), '+05:30') END,"
                    + " DATEADD(SECOND, i, CAST('2024-01-01 00:00:00.003' AS DATETIME)), i * 0.25,"
                    + " N'n' + RIGHT('000' + CAST(i AS VARCHAR(4)), 4) + N'ü', 'c' + RIGHT('000' + CAST(i AS VARCHAR(4)), 4),"
                    + " DATEADD(DAY, i, CAST('2020-01-01' AS DATE)) FROM n");
        }
        for (String column : List.of("d2", "dto", "dt", "amount", "id", "name", "code", "day")) {
            dev.hygge.spi.Watermark after = null;
            MssqlHomeOptions options = new MssqlHomeOptions();
            options.connection = "it";
            options.table = "dbo.it_incremental";
            MssqlHome whole = new MssqlHome(options.validate("it"), pool);
            try (var reader = whole.open(whole.splits().get(0), allocator)) {
                var root = reader.getVectorSchemaRoot();
                while (reader.loadNextBatch()) {
                    for (int i = 0; i < root.getRowCount(); i++) {
                        if (((org.apache.arrow.vector.BigIntVector) root.getVector("id")).get(i) == 899) {
                            after = dev.hygge.spi.WatermarkValues.read(root.getVector(column), i);
                        }
                    }
                }
            }
            assertThat(after).as(column).isNotNull();
            options.partitionColumn = "id";
            options.partitions = 4;
            MssqlHome home = new MssqlHome(options.validate("it"), pool);
            home.restrict(new dev.hygge.spi.WatermarkFilter(column, java.util.Optional.of(after), false));
            List<dev.hygge.spi.Split> splits = home.splits();
            assertThat(splits).as(column).hasSize(4);
            List<Long> ids = new ArrayList<>();
            for (dev.hygge.spi.Split split : splits) {
                try (var reader = home.open(split, allocator)) {
                    while (reader.loadNextBatch()) {
                        for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                            ids.add(((org.apache.arrow.vector.BigIntVector) reader.getVectorSchemaRoot().getVector("id")).get(i));
                        }
                    }
                }
            }
            boolean nullable = column.equals("d2") || column.equals("dto");
            assertThat(ids).as(column + " > " + after.text()).hasSize(nullable ? 98 : 100).doesNotContain(899L).contains(901L, 999L);
        }
    }
}
