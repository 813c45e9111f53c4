package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.jdbc.TableName;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.SupportsEngineWrite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load of no more than a row group runs with DuckDB on one thread, and the instance's own setting
 * is given back after ({@link DuckDbDatabase#onOneThread}); the rows read {@code current_setting('threads')}
 * while they are inserted, so the table says how many threads the load had.
 */
class DuckDbOneThreadTest {
    private static final SupportsEngineWrite.Progress QUIET = new SupportsEngineWrite.Progress() {
        @Override
        public void processed(long rows) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    @TempDir
    Path dir;

    @Test
    void aLoadOfARowGroupRunsOnOneThreadAndALargerOneOnTheInstancesThreads() throws Exception {
        try (DuckDbDatabase database = DuckDbDatabase.open("store", dir.resolve("w.duckdb").toString(), false);
             BufferAllocator allocator = new RootAllocator();
             Connection connection = database.duplicate()) {
            execute(connection, "SET threads = 3", "CREATE TABLE t (id BIGINT, threads BIGINT)");
            DuckDbRelationLoader loader = loader(database, allocator);
            EngineWatermark watermark = new EngineWatermark("id", false);
            TableName table = TableName.of("t");

            EngineWatermark.Seen small = loader.load(connection, table, List.of("id", "threads"), relation(1000), watermark, QUIET);
            long large = loader.load(connection, table, List.of("id", "threads"), relation(DuckDbRelationLoader.ROW_GROUP_ROWS + 1),
                    QUIET);

            assertThat(small.written()).isEqualTo(1000);
            assertThat(large).isEqualTo(DuckDbRelationLoader.ROW_GROUP_ROWS + 1);
            assertThat(rows(connection, "SELECT threads, count(*) FROM t GROUP BY threads ORDER BY threads"))
                    .containsExactly(List.of(1L, 1000L), List.of(3L, DuckDbRelationLoader.ROW_GROUP_ROWS + 1));
            assertThat(threads(connection)).isEqualTo(3);   // given back
        }
    }

    @Test
    void loadsAtOnceGiveTheSettingBackWhenTheLastEnds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DuckDbDatabase database = DuckDbDatabase.open("store", dir.resolve("w.duckdb").toString(), false);
             Connection connection = database.duplicate()) {
            execute(connection, "SET threads = 3");
            CountDownLatch bothIn = new CountDownLatch(2);
            CountDownLatch firstOut = new CountDownLatch(1);
            Future<Long> first = pool.submit(() -> database.onOneThread(() -> {
                bothIn.countDown();
                await(bothIn);
                try (Connection own = database.duplicate()) {
                    return threads(own);
                }
            }));
            Future<Long> second = pool.submit(() -> database.onOneThread(() -> {
                bothIn.countDown();
                await(bothIn);
                try {
                    first.get();
                } catch (Exception e) {
                    throw new SQLException(e);
                }
                firstOut.countDown();
                try (Connection own = database.duplicate()) {
                    return threads(own);       // the first has ended: still one thread while this load runs
                }
            }));
            assertThat(first.get()).isEqualTo(1);
            assertThat(second.get()).isEqualTo(1);
            assertThat(firstOut.getCount()).isZero();
            assertThat(threads(connection)).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A DuckDB Home's relation runs a Store's small copy on one thread of its database, and gives the threads back. */
    @Test
    void aDuckDbHomesRelationRunsSmallCopiesOnOneThread() throws Exception {
        Path file = dir.resolve("h.duckdb");
        DuckDb.execute(file, "CREATE TABLE t AS SELECT 1 AS id");
        DuckDbHomeOptions options = new DuckDbHomeOptions();
        options.path = file.toString();
        options.table = "t";
        try (DuckDbHome home = (DuckDbHome) new DuckDbHomeFactory().create(options, null)) {
            EngineRelation.Session session = home.relation(home.splits()).session().orElseThrow();
            try (Connection connection = session.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SET threads = 3");      // whatever the machine's cores
            }
            long before = threads(session);
            assertThat(before).isEqualTo(3);
            assertThat(session.runSmall(() -> threads(session))).isEqualTo(1);
            assertThat(threads(session)).isEqualTo(before);
        }
    }

    private static long threads(EngineRelation.Session session) throws SQLException {
        try (Connection connection = session.connect(); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("SELECT current_setting('threads')")) {
            setting.next();
            return setting.getLong(1);
        }
    }

    @Test
    void aSharedInstanceKeepsItsThreads() throws Exception {
        String file = dir.resolve("w.duckdb").toString();
        try (DuckDbDatabase store = DuckDbDatabase.open("store", file, false);
             DuckDbDatabase other = DuckDbDatabase.open("other", file, false);
             Connection connection = store.duplicate()) {
            execute(connection, "SET threads = 3");
            assertThat(store.onOneThread(() -> threads(connection))).isEqualTo(3);
        }
        try (DuckDbDatabase alone = DuckDbDatabase.open("store", file, false); Connection connection = alone.duplicate()) {
            execute(connection, "SET threads = 3");
            assertThat(alone.onOneThread(() -> threads(connection))).isEqualTo(1);
            assertThat(threads(connection)).isEqualTo(3);
        }
    }

    /** {@code rows} rows that read the instance's thread setting as they are loaded; a file-free relation of engine duckdb. */
    private static EngineRelation relation(long rows) {
        return new EngineRelation(DuckDbRelationLoader.ENGINE, "SELECT i AS id, CAST(current_setting('threads') AS BIGINT) AS threads"
                + " FROM range(" + rows + ") r(i)", List.of(), new Schema(List.of()), OptionalLong.of(rows), Optional.empty(),
                rows + " rows");
    }

    private static DuckDbRelationLoader loader(DuckDbDatabase database, BufferAllocator allocator) {
        DuckDbDialect dialect = new DuckDbDialect();
        return new DuckDbRelationLoader(new ArrowStreamLoader(dialect, allocator), dialect, database, allocator);
    }

    private static long threads(Connection connection) throws SQLException {
        return (Long) rows(connection, "SELECT CAST(current_setting('threads') AS BIGINT)").get(0).get(0);
    }

    private static void await(CountDownLatch latch) throws SQLException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(e);
        }
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<List<Object>> rows = new java.util.ArrayList<>();
            while (result.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
