package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import dev.hygge.spi.Options;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbHomeTest {
    @TempDir
    Path dir;

    @Test
    void flowsNamingOneConnectionShareTheDatabase() {
        try (Hygge hygge = Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).store(new DuckDbStoreFactory())
                        .connection(new DuckDbConnectionFactory()).build())
                .connection("wh", "duckdb", Map.of("path", ":memory:"))
                .progressInterval(null).build()) {
            hygge.flow("in").entity("orders").from(GeneratedHome.builder(TestBatches.benchmark()).rows(300_000).batchSize(10_000).build())
                    .to("duckdb", Map.of("connection", "wh", "table", "{entity}")).run();
            CollectingStore out = new CollectingStore(1);
            FlowResult result = hygge.flow("out").from("duckdb", Map.of("connection", "wh", "entity", "orders",
                    "query", "SELECT id, name FROM {entity} WHERE id % 1000 = 0 ORDER BY id", "batch_size", 64)).to(out).run();
            assertThat(result.rowsWritten()).isEqualTo(300);
            assertThat(out.committed()).hasSize(300);
            assertThat(out.committed().get(1).get(0)).isEqualTo(1000L);
        }
    }

    /**
     * An in-engine flow takes the Home's known schema for the one its split would open with, without
     * opening it: for every type of the parquet type table, of a table and of a query, before and after
     * an incremental predicate (whose UNION ALL of new and NULL rows changes no column).
     */
    @Test
    void theKnownSchemaIsTheOneItsSplitOpensWith() throws Exception {
        Path file = dir.resolve("types.duckdb");
        DuckDb.execute(file, "CREATE TABLE types AS " + EnginePathTest.TYPES);
        try (Hygge hygge = DuckDb.runtime(); BufferAllocator allocator = new RootAllocator()) {
            for (Map<String, Object> options : java.util.List.<Map<String, Object>>of(Map.of("path", file.toString(), "table", "types"),
                    Map.of("path", file.toString(), "query", "SELECT *, str || '!' AS more FROM types WHERE id % 2 = 0"))) {
                for (boolean restricted : new boolean[] {false, true}) {
                    try (DuckDbHome home = (DuckDbHome) new DuckDbHomeFactory().create(
                            Options.bind(options, DuckDbHomeOptions.class, "test"), hygge.context())) {
                        if (restricted) {
                            home.restrict(new WatermarkFilter("id", Optional.of(new Watermark(Watermark.Kind.INTEGER,
                                    java.math.BigInteger.valueOf(4000))), true));
                        }
                        try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
                            assertThat(home.knownSchema()).as("%s, restricted %s", options, restricted)
                                    .hasValue(reader.getVectorSchemaRoot().getSchema());
                            assertThat(reader.loadNextBatch()).isTrue();
                            assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(home.knownSchema().orElseThrow());
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTableIsReadWhole() {
        Path file = dir.resolve("t.duckdb");
        DuckDb.execute(file, "CREATE SCHEMA \"odd schema\"",
                "CREATE TABLE \"odd schema\".\"my \"\"table\"\"\" AS SELECT range AS id FROM range(1000)");
        CollectingStore out = new CollectingStore(1);
        try (Hygge hygge = DuckDb.runtime()) {
            hygge.flow("read").from("duckdb", Map.of("path", file.toString(), "table", "\"odd schema\".\"my \"\"table\"\"\""))
                    .to(out).run();
        }
        assertThat(out.committed()).hasSize(1000);
    }

    @Test
    void aQueryWithASyntaxErrorFailsBeforeTheFlowStarts() {
        Path file = dir.resolve("q.duckdb");
        DuckDb.execute(file, "CREATE TABLE t AS SELECT 1 AS x");
        try (Hygge hygge = DuckDb.runtime()) {
            assertThatThrownBy(() -> hygge.flow("bad").from("duckdb", Map.of("path", file.toString(), "query", "SELEC x FROM t"))
                    .to(new CollectingStore(1)).run())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the query cannot be read").hasMessageContaining("syntax error")
                    .hasMessageContaining("SELEC x FROM t");
            assertThatThrownBy(() -> hygge.flow("missing").from("duckdb", Map.of("path", file.toString(), "table", "nope"))
                    .to(new CollectingStore(1)).run())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the table cannot be read").hasMessageContaining("nope");
            assertThatThrownBy(() -> hygge.flow("both").from("duckdb", Map.of("path", file.toString(), "table", "t", "query", "SELECT 1"))
                    .to(new CollectingStore(1)).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("either table or query, not both");
            assertThatThrownBy(() -> hygge.flow("entity").from("duckdb", Map.of("path", file.toString(), "table", "{entity}"))
                    .to(new CollectingStore(1)).run())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("uses {entity} but no entity is given");
        }
    }

    @Test
    void factoriesAreDiscoverable() {
        Plugins plugins = Plugins.discover();
        assertThat(plugins.home("duckdb")).isInstanceOf(DuckDbHomeFactory.class);
        assertThat(plugins.store("duckdb")).isInstanceOf(DuckDbStoreFactory.class);
        assertThat(plugins.connection("duckdb")).isInstanceOf(DuckDbConnectionFactory.class);
    }
}
