package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.spi.Options;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per table: a second write of the same table, however it is spelled, waits for the first. */
class DuckDbOneWriterTest {
    @TempDir
    Path dir;

    private static WriteRequest request(String run, Duration wait) {
        return new WriteRequest("f", Optional.of("e"), TestBatches.benchmark().schema(), 1, List.of(), run, wait);
    }

    private static DuckDbStore store(Hygge hygge, String table) {
        return new DuckDbStoreFactory().create(Options.bind(Map.of("connection", "wh", "table", table),
                DuckDbStoreOptions.class, "test"), hygge.context());
    }

    @Test
    void aSecondWriterOfOneTableWaitsThenFailsNamingTheFirst() throws Exception {
        Path file = dir.resolve("w.duckdb");
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(300).batchSize(100).build();
        try (Hygge hygge = Hygge.builder()
                .plugins(dev.hygge.spi.Plugins.builder().connection(new DuckDbConnectionFactory()).build())
                .connection("wh", "duckdb", Map.of("path", file.toString())).progressInterval(null).build();
             DuckDbStore first = store(hygge, "orders");
             DuckDbStore second = store(hygge, "MAIN.\"Orders\"");
             BufferAllocator allocator = new RootAllocator()) {
            StoreWrite a = first.begin(request("run-a", Duration.ofSeconds(5)));
            long started = System.nanoTime();
            assertThatThrownBy(() -> second.begin(request("run-b", Duration.ofMillis(300))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is being written by run run-a (flow f/e")
                    .hasMessageContaining("lock_timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
                assertThat(a.consume(reader)).isEqualTo(300);
            }
            a.commit();
            a.close();
            // the lock went with the commit: the next writer begins at once
            try (StoreWrite b = second.begin(request("run-b", Duration.ZERO))) {
                b.abort();
            }
            // and an aborted write releases it too
            try (StoreWrite c = first.begin(request("run-c", Duration.ZERO))) {
                assertThat(c).isNotNull();
            }
            try (StoreWrite d = first.begin(request("run-d", Duration.ZERO))) {
                assertThat(d).isNotNull();
            }
        }
        assertThat(DuckDb.count(file, "orders")).isEqualTo(300);
        assertThat(DuckDb.stagingTables(file)).isZero();
    }

    @Test
    void writersOfDifferentTablesDoNotWait() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Hygge hygge = Hygge.builder()
                .plugins(dev.hygge.spi.Plugins.builder().connection(new DuckDbConnectionFactory()).build())
                .connection("wh", "duckdb", Map.of("path", file.toString())).progressInterval(null).build();
             DuckDbStore orders = store(hygge, "orders");
             DuckDbStore customers = store(hygge, "customers");
             StoreWrite a = orders.begin(request("run-a", Duration.ZERO));
             StoreWrite b = customers.begin(request("run-b", Duration.ZERO))) {
            assertThat(a).isNotSameAs(b);
        }
    }
}
