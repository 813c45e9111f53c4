package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.Options;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Store that has its file to itself commits its rows into the file (a checkpoint at the commit,
 * no {@code .wal} left to hold them), and gives DuckDB's setting back; a Store sharing the file
 * commits to the {@code .wal} as DuckDB does, the file's last close checkpointing it.
 */
class DuckDbLastCommitTest {
    private static final long ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aStoreAloneOnItsFileCommitsItsRowsIntoTheFile() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Hygge hygge = DuckDb.runtime(); DuckDbStore store = store(hygge, file)) {
            write(store);
            assertThat(wal(file)).as("the commit checkpointed: no .wal holds the rows").isZero();
            assertThat(threshold(store.database())).as("DuckDB's setting given back").isEqualTo(defaultThreshold());
            assertThat(count(store.database())).isEqualTo(ROWS);
        }
        assertThat(DuckDb.count(file, "orders")).isEqualTo(ROWS);
    }

    @Test
    void aStoreSharingItsFileCommitsToTheWalAndTheLastCloseCheckpoints() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Hygge hygge = DuckDb.runtime(); DuckDbStore store = store(hygge, file)) {
            try (DuckDbDatabase reader = DuckDbDatabase.open("home", file.toString(), false)) {
                write(store);
                assertThat(wal(file)).as("committed to the .wal, as DuckDB does").isPositive();
                assertThat(count(reader)).isEqualTo(ROWS);
            }
            write(store);
            assertThat(wal(file)).as("alone again: this commit checkpointed").isZero();
        }
        assertThat(Files.exists(dir.resolve("w.duckdb.wal"))).isFalse();
        assertThat(DuckDb.count(file, "orders")).isEqualTo(2 * ROWS);
    }

    private static DuckDbStore store(Hygge hygge, Path file) {
        return new DuckDbStoreFactory().create(Options.bind(Map.of("path", file.toString(), "table", "orders", "if_exists", "append"),
                DuckDbStoreOptions.class, "test"), hygge.context());
    }

    private static void write(DuckDbStore store) throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(ROWS).batchSize(5_000).build();
        WriteRequest request = new WriteRequest("f", Optional.empty(), TestBatches.benchmark().schema(), 1, List.of(), "run",
                WriteRequest.DEFAULT_LOCK_WAIT);
        try (BufferAllocator allocator = new RootAllocator(); StoreWrite write = store.begin(request);
             ArrowReader reader = home.open(home.splits().get(0), allocator)) {
            assertThat(write.consume(reader)).isEqualTo(ROWS);
            write.commit();
        }
    }

    /** The .wal's size, 0 when there is none. */
    private long wal(Path file) throws Exception {
        Path wal = dir.resolve(file.getFileName() + ".wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    private static String threshold(DuckDbDatabase database) throws Exception {
        try (DuckDBConnection connection = database.duplicate(); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("SELECT current_setting('checkpoint_threshold')")) {
            setting.next();
            return setting.getString(1);
        }
    }

    private String defaultThreshold() throws Exception {
        try (DuckDbDatabase other = DuckDbDatabase.open("other", dir.resolve("other.duckdb").toString(), false)) {
            return threshold(other);
        }
    }

    private static long count(DuckDbDatabase database) throws Exception {
        try (DuckDBConnection connection = database.duplicate(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
