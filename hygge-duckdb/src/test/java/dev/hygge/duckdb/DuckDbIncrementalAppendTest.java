package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.Incremental;
import dev.hygge.spi.FlowListener;
import dev.hygge.spi.Options;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental append into a DuckDB table that exists: the rows go into the table inside the one
 * transaction that also commits the watermark (no staging table, nothing visible before the commit),
 * without an inference sample (the table's columns are the types), and a batch the table's columns
 * cannot take fails clearly and changes neither the rows nor the watermark.
 */
class DuckDbIncrementalAppendTest {
    @TempDir
    Path dir;

    private static final Incremental ON_ID = Incremental.on("id").primaryKey("id");

    /** What the Store's database showed while the rows were handed over: staging tables and rows visible. */
    private final List<long[]> seenDuringLoad = new ArrayList<>();

    private Hygge runtime(Path target) {
        FlowListener probe = new FlowListener() {
            @Override
            public void batchWritten(String flow, long batchRows, long totalRows, long totalBytes) {
                boolean exists = ((Number) DuckDb.query(target, "SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_name = 'events'").get(0).get(0)).longValue() > 0;
                seenDuringLoad.add(new long[] {DuckDb.stagingTables(target), exists ? DuckDb.count(target, "events") : -1});
            }
        };
        return Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).store(new DuckDbStoreFactory())
                        .connection(new DuckDbConnectionFactory()).build())
                .listener(probe)
                .progressInterval(null)
                .build();
    }

    private static FlowResult run(Hygge hygge, Path source, Path target) {
        return hygge.run(hygge.flow("events").from("duckdb", Map.of("path", source.toString(), "table", "events"))
                .to("duckdb", Map.of("path", target.toString(), "table", "events"))
                .incremental(ON_ID).retries(0).retryDelay(Duration.ZERO).build());
    }

    private static Object watermark(Path target) {
        return DuckDb.query(target, "SELECT state_value FROM hygge_state").get(0).get(0);
    }

    @Test
    void theNewRowsGoIntoTheTableInTheTransactionThatCommitsTheWatermark() {
        Path source = dir.resolve("source.duckdb");
        Path target = dir.resolve("target.duckdb");
        DuckDb.execute(source, "CREATE TABLE events (id BIGINT, v VARCHAR)", "INSERT INTO events SELECT i, 'old ' || i FROM range(1, 1001) r(i)");
        try (Hygge hygge = runtime(target)) {
            FlowResult first = run(hygge, source, target);
            assertThat(first.succeeded()).as("%s", first.error()).isTrue();
            assertThat(seenDuringLoad).as("the first run makes the table from a staging table").anyMatch(s -> s[0] == 1);

            seenDuringLoad.clear();
            DuckDb.execute(source, "INSERT INTO events SELECT i, 'new ' || i FROM range(1001, 1101) r(i)");
            FlowResult second = run(hygge, source, target);
            assertThat(second.succeeded()).as("%s", second.error()).isTrue();
            assertThat(second.rowsRead()).isEqualTo(100);
            assertThat(seenDuringLoad).as("while the rows load: no staging table, and none of them visible").isNotEmpty()
                    .allMatch(s -> s[0] == 0 && s[1] == 1000);
        }
        assertThat(DuckDb.count(target, "events")).isEqualTo(1100);
        assertThat(DuckDb.query(target, "SELECT count(DISTINCT id), max(id) FROM events")).containsExactly(List.of(1100L, 1100L));
        assertThat(watermark(target).toString()).contains("1100");
        assertThat(DuckDb.stagingTables(target)).isZero();
    }

    @Test
    void aNarrowerSourceColumnIsWrittenAndAWiderValueFailsClearlyChangingNothing() {
        Path source = dir.resolve("source.duckdb");
        Path target = dir.resolve("target.duckdb");
        DuckDb.execute(source, "CREATE TABLE events (id BIGINT, n INTEGER)", "INSERT INTO events VALUES (1, 10), (2, 20)");
        try (Hygge hygge = runtime(target)) {
            assertThat(run(hygge, source, target).succeeded()).isTrue();

            // the source's n narrows to SMALLINT: written into the table's INTEGER column as it is
            DuckDb.execute(source, "CREATE TABLE narrow AS SELECT id, n::SMALLINT AS n FROM events", "DROP TABLE events",
                    "ALTER TABLE narrow RENAME TO events", "INSERT INTO events VALUES (3, 30)");
            FlowResult narrower = run(hygge, source, target);
            assertThat(narrower.succeeded()).as("%s", narrower.error()).isTrue();
            assertThat(DuckDb.query(target, "SELECT id, n FROM events ORDER BY id"))
                    .containsExactly(List.of(1L, 10), List.of(2L, 20), List.of(3L, 30));
            Object before = watermark(target);

            // then it widens to BIGINT, and a value no INTEGER holds arrives after one that fits
            DuckDb.execute(source, "CREATE TABLE wide AS SELECT id, n::BIGINT AS n FROM events", "DROP TABLE events",
                    "ALTER TABLE wide RENAME TO events", "INSERT INTO events VALUES (4, 40), (5, 1099511627776)");
            FlowResult wider = run(hygge, source, target);
            assertThat(wider.succeeded()).isFalse();
            assertThat(wider.error().orElseThrow().getMessage()).contains("events").containsIgnoringCase("out of range");
            assertThat(DuckDb.query(target, "SELECT id FROM events ORDER BY id")).as("rolled back: no row of the run")
                    .containsExactly(List.of(1L), List.of(2L), List.of(3L));
            assertThat(watermark(target)).as("the watermark as it was").isEqualTo(before);

            DuckDb.execute(source, "UPDATE events SET n = 50 WHERE id = 5");
            FlowResult fixed = run(hygge, source, target);
            assertThat(fixed.succeeded()).as("%s", fixed.error()).isTrue();
            assertThat(fixed.rowsRead()).as("the failed run's rows are read again").isEqualTo(2);
        }
        assertThat(DuckDb.query(target, "SELECT id, n FROM events ORDER BY id")).containsExactly(List.of(1L, 10), List.of(2L, 20),
                List.of(3L, 30), List.of(4L, 40), List.of(5L, 50));
        assertThat(DuckDb.stagingTables(target)).isZero();
    }

    @Test
    void aNewSourceColumnIsStillInferredAndAdded() {
        Path source = dir.resolve("source.duckdb");
        Path target = dir.resolve("target.duckdb");
        DuckDb.execute(source, "CREATE TABLE events (id BIGINT, v VARCHAR)", "INSERT INTO events VALUES (1, 'a')");
        try (Hygge hygge = runtime(target)) {
            assertThat(run(hygge, source, target).succeeded()).isTrue();
            DuckDb.execute(source, "ALTER TABLE events ADD COLUMN amount DECIMAL(12,2)", "INSERT INTO events VALUES (2, 'b', 12.5)");
            FlowResult second = run(hygge, source, target);
            assertThat(second.succeeded()).as("%s", second.error()).isTrue();
        }
        assertThat(DuckDb.query(target, "SELECT id, v, amount::VARCHAR FROM events ORDER BY id"))
                .containsExactly(java.util.Arrays.asList(1L, "a", null), List.of(2L, "b", "12.50"));
    }

    /**
     * With a column whose type the sample decides (a decimal wider than DuckDB's 38 digits): the sample is
     * read unless the table takes every column as it is. Without one, no write reads it (DuckDbNoSampleTest).
     */
    @Test
    void theSampleIsSkippedOnlyWhenTheTableTakesEverySourceColumnAsItIs() {
        Path file = dir.resolve("w.duckdb");
        List<Field> fields = new ArrayList<>(TestBatches.benchmark().schema().getFields());
        fields.add(Field.nullable("big", new org.apache.arrow.vector.types.pojo.ArrowType.Decimal(40, 2, 256)));
        Schema schema = new Schema(fields);
        List<Field> more = new ArrayList<>(schema.getFields());
        more.add(Field.nullable("extra", new org.apache.arrow.vector.types.pojo.ArrowType.Utf8()));
        Schema wider = new Schema(more);
        try (Hygge hygge = DuckDb.runtime();
             DuckDbStore append = store(hygge, file, "append");
             DuckDbStore replace = store(hygge, file, "replace")) {
            assertThat(append.needsSample(request(schema, false))).as("no table yet: inferred from the sample").isTrue();
            DuckDb.execute(file, "CREATE TABLE t (id BIGINT NOT NULL, quantity INTEGER, price DOUBLE, \"NAME\" VARCHAR,"
                    + " active BOOLEAN, day DATE, updated_at TIMESTAMPTZ, amount DECIMAL(18,2), big DECIMAL(38,2))");
            assertThat(append.needsSample(request(schema, false))).as("append: every column there (name in any case)").isFalse();
            assertThat(append.needsSample(request(schema, true))).isFalse();
            assertThat(append.needsSample(request(wider, true))).as("a new column to infer and add").isTrue();
            assertThat(replace.needsSample(request(schema, false))).as("replace makes the table anew").isTrue();
            assertThat(replace.needsSample(request(schema, true))).as("an incremental replace appends").isFalse();
            assertThat(replace.needsSample(request(TestBatches.benchmark().schema(), false)))
                    .as("no column's type depends on the sample").isFalse();
        }
    }

    private static DuckDbStore store(Hygge hygge, Path file, String ifExists) {
        return new DuckDbStoreFactory().create(Options.bind(Map.of("path", file.toString(), "table", "t", "if_exists", ifExists),
                DuckDbStoreOptions.class, "test"), hygge.context());
    }

    private static WriteRequest request(Schema schema, boolean incremental) {
        return new WriteRequest("f", Optional.empty(), schema, 1, List.of(), "run", WriteRequest.DEFAULT_LOCK_WAIT, incremental);
    }
}
