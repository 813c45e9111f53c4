package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Split;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Incremental reads of the postgres Home on the real server: the watermark of each kind compared
 * as the column's own type at full precision (a microsecond apart, a cent apart), NULLs in or out,
 * key-range splits restricted alike, a query Home, and a watermark text that tries to break out of
 * its literal.
 */
@ExtendWith(PostgresServer.class)
class PostgresIncrementalTest {
    static String schema;
    static PostgresConnection pool;

    @BeforeAll
    static void createTable() throws Exception {
        schema = PostgresServer.freshSchema("hygge_incremental");
        PostgresServer.execute("CREATE TABLE " + schema + ".t (id bigint, ts timestamp, tz timestamptz, d date,"
                + " amount numeric(12,2), name text, n integer)");
        // rows 1..100: ts one microsecond apart from 2024-01-01, tz likewise, d one day apart, amount one cent apart
        PostgresServer.execute("INSERT INTO " + schema + ".t SELECT i, TIMESTAMP '2024-01-01' + i * INTERVAL '1 microsecond',"
                + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 microsecond', DATE '2024-01-01' + i, i / 100.0,"
                + " 'name ' || lpad(i::text, 3, '0'), i FROM generate_series(1, 100) i");
        PostgresServer.execute("INSERT INTO " + schema + ".t (id, name) VALUES (101, NULL), (102, 'it''s \\ odd')");
        pool = PostgresServer.pool("incremental", 4);
    }

    @AfterAll
    static void drop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (schema != null) {
            PostgresServer.dropSchema(schema);
        }
    }

    @Test
    void eachKindOfWatermarkIsComparedAtTheColumnsPrecision() throws Exception {
        assertThat(ids(home(1), "id", Watermark.of(90L), false)).containsExactly(91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L,
                100L, 101L, 102L);
        assertThat(ids(home(1), "ts", Watermark.of(LocalDateTime.parse("2024-01-01T00:00:00.000097")), false))
                .containsExactly(98L, 99L, 100L);
        assertThat(ids(home(1), "tz", Watermark.of(Instant.parse("2024-01-01T00:00:00.000098Z")), false))
                .containsExactly(99L, 100L);
        assertThat(ids(home(1), "d", Watermark.of(LocalDate.parse("2024-04-08")), false)).containsExactly(99L, 100L);
        assertThat(ids(home(1), "amount", Watermark.of(new BigDecimal("0.99")), false)).containsExactly(100L);
        assertThat(ids(home(1), "name", Watermark.of("name 099"), false)).containsExactly(100L);
    }

    @Test
    void nullsComeWithTheRowsAfterTheWatermarkWhenAsked() throws Exception {
        assertThat(ids(home(1), "amount", Watermark.of(new BigDecimal("0.99")), true)).containsExactly(100L, 101L, 102L);
        assertThat(ids(home(1), "amount", null, false)).hasSize(100);
    }

    @Test
    void keyRangeSplitsAreRestrictedToo() throws Exception {
        PostgresHome home = home(3);
        assertThat(ids(home, "id", Watermark.of(94L), false)).containsExactly(95L, 96L, 97L, 98L, 99L, 100L, 101L, 102L);
        assertThat(home.splits()).hasSize(3);
    }

    @Test
    void aWatermarkTextStaysInsideItsLiteral() throws Exception {
        assertThat(ids(home(1), "name", Watermark.of("name 100'; DROP TABLE " + schema + ".t; --"), false)).isEmpty();
        assertThat(ids(home(1), "name", Watermark.of("name 100\\'; DROP TABLE " + schema + ".t; --"), false)).isEmpty();
        // a quote and a backslash compared as themselves: "it's \ odd" sorts after "it's \ oc", before "name"
        assertThat(ids(home(1), "name", Watermark.of("it's \\ oc"), false)).hasSize(101).contains(102L);
        assertThat(ids(home(1), "name", Watermark.of("it's \\ odd"), false)).hasSize(100).doesNotContain(102L);
        assertThat(PostgresRoundTripTest.query("SELECT count(*) FROM " + schema + ".t")).containsExactly("102");
    }

    @Test
    void aQueryHomeIsRestrictedAsATableIs() throws Exception {
        PostgresHomeOptions options = new PostgresHomeOptions();
        options.connection = "incremental";
        options.query = "SELECT id, n FROM " + schema + ".t WHERE id > 50";
        assertThat(ids(new PostgresHome(options, pool), "n", Watermark.of(97L), false)).containsExactly(98L, 99L, 100L);
    }

    /**
     * postgres → postgres through the engine, timestamptz watermark: each run reads only the rows
     * after the watermark committed with the target's rows, a microsecond apart.
     */
    @Test
    void runAfterRunOnlyNewRowsAreReadAndMerged() throws Exception {
        PostgresServer.execute("CREATE TABLE " + schema + ".events (id bigint, changed timestamptz, v text)");
        PostgresServer.execute("INSERT INTO " + schema + ".events VALUES (1, '2024-01-01 10:00:00.000001+00', 'a'),"
                + " (2, '2024-01-01 10:00:00.000002+00', 'b'), (3, '2024-01-01 10:00:00.000003+00', 'c')");
        dev.hygge.Incremental plain = dev.hygge.Incremental.on("changed").primaryKey("id");
        try (dev.hygge.Hygge hygge = PostgresServer.runtime("pg")) {
            dev.hygge.FlowResult first = runEvents(hygge, plain);
            assertThat(first.succeeded()).as("%s", first.error()).isTrue();
            assertThat(first.rowsRead()).isEqualTo(3);
            assertThat(first.watermark().get().committed()).contains(Watermark.of(Instant.parse("2024-01-01T10:00:00.000003Z")));
            assertThat(runEvents(hygge, plain).rowsRead()).as("nothing new").isZero();
            PostgresServer.execute("INSERT INTO " + schema + ".events VALUES (4, '2024-01-01 10:00:00.000004+00', 'd')");
            PostgresServer.execute("UPDATE " + schema + ".events SET changed = '2024-01-01 10:00:00.000005+00', v = 'c2' WHERE id = 3");
            assertThat(runEvents(hygge, plain).rowsRead()).as("ids 4 and 3 (moved on)").isEqualTo(2);
        }
        assertThat(PostgresRoundTripTest.query("SELECT string_agg(id || v, ',' ORDER BY id) FROM " + schema + ".events_copy"))
                .containsExactly("1a,2b,3c2,4d");
    }

    private static dev.hygge.FlowResult runEvents(dev.hygge.Hygge hygge, dev.hygge.Incremental spec) {
        return hygge.run(hygge.flow("events").from("postgres", Map.of("connection", "pg", "table", schema + ".events"))
                .to("postgres", Map.of("connection", "pg", "table", schema + ".events_copy", "write_strategy", "merge",
                        "keys", List.of("id")))
                .incremental(spec).retryDelay(java.time.Duration.ZERO).build());
    }

    @Test
    void aReadClosedAfterItsFirstBatchLeavesItsConnectionReadyForTheNext() throws Exception {
        try (PostgresConnection single = PostgresServer.pool("single", 1); BufferAllocator allocator = new RootAllocator()) {
            PostgresHomeOptions options = new PostgresHomeOptions();
            options.connection = "single";
            options.table = schema + ".t";
            options.batchSize = 10;
            PostgresHome home = new PostgresHome(options, single);
            for (int attempt = 0; attempt < 3; attempt++) {
                try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
                    assertThat(reader.loadNextBatch()).isTrue();
                    assertThat(reader.getVectorSchemaRoot().getRowCount()).isEqualTo(10);
                }
            }
            long rows = 0;
            try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
            }
            assertThat(rows).isEqualTo(102);
        }
    }

    @Test
    void aMissingColumnOrAnUncomparableOneIsAClearError() {
        assertThatThrownBy(() -> home(1).restrict(new WatermarkFilter("nope", Optional.empty(), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("no column 'nope'");
    }

    @Test
    void aWatermarkOfAnotherKindThanTheColumnIsRefusedNamingBoth() {
        assertThatThrownBy(() -> home(1).restrict(new WatermarkFilter("ts", Optional.of(Watermark.of(5L)), false)))
                .isInstanceOf(HomeException.class).hasMessageContaining("the watermark column 'ts' holds TIMESTAMP values now")
                .hasMessageContaining("committed watermark 5 is a INTEGER").hasMessageContaining("--full-drop");
    }

    @Test
    void aPartitionColumnMustHoldIntegers() {
        assertThatThrownBy(() -> home(4, "name").splits()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("partition_column 'name' is text; it must be an integer column (smallint");
        assertThatThrownBy(() -> home(4, "amount").splits()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("partition_column 'amount' is numeric");
        assertThat(home(4, "n").splits()).as("an integer column: its key ranges").hasSize(4);
    }

    @Test
    void aPartitionColumnWithNoValueAfterTheWatermarkIsReadAsOneSplit() throws Exception {
        PostgresHome home = home(4);
        home.restrict(new WatermarkFilter("id", Optional.of(Watermark.of(1_000L)), false));
        assertThat(home.splits()).hasSize(1);
        assertThat(ids(home(4), "id", Watermark.of(98L), false)).containsExactly(99L, 100L, 101L, 102L);
    }

    private static PostgresHome home(int partitions) {
        return home(partitions, "id");
    }

    private static PostgresHome home(int partitions, String partitionColumn) {
        PostgresHomeOptions options = new PostgresHomeOptions();
        options.connection = "incremental";
        options.table = schema + ".t";
        options.batchSize = 7;
        if (partitions > 1) {
            options.partitionColumn = partitionColumn;
            options.partitions = partitions;
        }
        return new PostgresHome(options, pool);
    }

    private static List<Long> ids(PostgresHome home, String column, Watermark after, boolean nulls) throws Exception {
        home.restrict(new WatermarkFilter(column, Optional.ofNullable(after), nulls));
        List<Long> ids = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (Split split : home.splits()) {
                try (ArrowReader reader = home.open(split, allocator)) {
                    while (reader.loadNextBatch()) {
                        BigIntVector id = (BigIntVector) reader.getVectorSchemaRoot().getVector(0);
                        for (int i = 0; i < id.getValueCount(); i++) {
                            ids.add(id.get(i));
                        }
                    }
                }
            }
        }
        ids.sort(null);
        return ids;
    }
}
