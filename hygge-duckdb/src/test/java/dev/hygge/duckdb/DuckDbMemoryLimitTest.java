package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.OptionProblems;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Store's {@code memory_limit}: parsed and refused naming the key (also by a project's
 * validation, as {@code hygge validate} runs it), set on the DuckDB instance by default for a file
 * and only when asked for {@code :memory:}, and a load far larger than a small limit still landing
 * in a file database on both paths (DuckDB evicts the loaded blocks to the file).
 */
class DuckDbMemoryLimitTest {
    @TempDir
    Path dir;

    @Test
    void aStoreOnAFileGetsTheDefaultLimitOrItsOwn() throws Exception {
        try (Hygge hygge = DuckDb.runtime()) {
            assertThat(storeSetting(hygge, Map.of("path", dir.resolve("a.duckdb").toString(), "table", "t")))
                    .isEqualTo(duckdbShows(DuckDbDatabase.DEFAULT_MEMORY_LIMIT)).isEqualTo("512.0 MiB");
            assertThat(storeSetting(hygge, Map.of("path", dir.resolve("b.duckdb").toString(), "table", "t",
                    "memory_limit", "2GiB"))).isEqualTo("2.0 GiB");
        }
    }

    @Test
    void anInMemoryStoreKeepsDuckDbsOwnLimitUnlessAsked() throws Exception {
        try (Hygge hygge = DuckDb.runtime()) {
            assertThat(storeSetting(hygge, Map.of("path", DuckDbDatabase.MEMORY, "table", "t"))).isEqualTo(duckdbShows(0));
            assertThat(storeSetting(hygge, Map.of("path", DuckDbDatabase.MEMORY, "table", "t", "memory_limit", "1GiB")))
                    .isEqualTo("1.0 GiB");
        }
    }

    @Test
    void aLimitAskedByAStoreReplacesTheOneOfAFileAHomeOpenedFirst() throws Exception {
        String file = dir.resolve("shared.duckdb").toString();
        try (DuckDbDatabase home = DuckDbDatabase.open("home", file, false)) {
            assertThat(setting(home)).isEqualTo("512.0 MiB");
            try (DuckDbDatabase store = DuckDbDatabase.open("store", file, false, OptionalLong.of(1L << 30))) {
                assertThat(setting(home)).isEqualTo("1.0 GiB");
                try (DuckDbDatabase other = DuckDbDatabase.open("other", file, false)) {
                    assertThat(setting(other)).as("an open without a limit keeps the instance's").isEqualTo("1.0 GiB");
                }
            }
        }
        try (DuckDbDatabase reader = DuckDbDatabase.open("lister", file, true)) {
            assertThat(setting(reader)).as("read-only: DuckDB's own").isEqualTo(duckdbShows(0));
        }
    }

    @Test
    void aNamedConnectionSetsTheLimitOfItsDatabase() throws Exception {
        DuckDbConnectionOptions options = new DuckDbConnectionOptions();
        options.path = dir.resolve("c.duckdb").toString();
        options.memoryLimit = "300MiB";
        try (DuckDbDatabase db = new DuckDbConnectionFactory().open("warehouse", options, null)) {
            assertThat(setting(db)).isEqualTo("300.0 MiB");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "10MB", "150%", "1GB; SET threads = 64"})
    void aBadValueIsAProblemNamingTheKey(String value) {
        DuckDbStoreOptions store = new DuckDbStoreOptions();
        store.path = "w.duckdb";
        store.table = "t";
        store.memoryLimit = value;
        OptionProblems problems = new OptionProblems();
        new DuckDbStoreFactory().validate(store, problems);
        assertThat(problems.list()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("memory_limit");
            assertThat(problem.message()).startsWith("memory_limit '" + value + "' is not a memory size")
                    .endsWith("leave it out for 512MiB for a database file, DuckDB's own (80% of the memory) for :memory:");
        });
        DuckDbConnectionOptions connection = new DuckDbConnectionOptions();
        connection.memoryLimit = value;
        OptionProblems connectionProblems = new OptionProblems();
        new DuckDbConnectionFactory().validate(connection, connectionProblems);
        assertThat(connectionProblems.list()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("memory_limit"));
    }

    @Test
    void aStoreOfANamedConnectionIsToldToSetTheLimitThere() {
        DuckDbStoreOptions store = new DuckDbStoreOptions();
        store.connection = "warehouse";
        store.table = "t";
        store.memoryLimit = "1GB";
        OptionProblems problems = new OptionProblems();
        new DuckDbStoreFactory().validate(store, problems);
        assertThat(problems.list()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("memory_limit");
            assertThat(problem.message()).contains("connection 'warehouse'", "set memory_limit on that connection");
        });
    }

    @Test
    void aProjectWithAWrongLimitFailsValidationNamingTheKeyAndLine() throws Exception {
        String message = TestKit.projectFails(dir, """
                connections:
                  warehouse: {type: duckdb, path: w.duckdb}
                flows:
                  a:
                    home: {type: duckdb, connection: warehouse, query: "SELECT 1 AS one"}
                    store: {type: duckdb, path: out.duckdb, table: t, memory_limit: plenty}
                """, Map.of(), Plugins.discover()).getMessage();
        assertThat(message).startsWith("hygge.yml:6:").contains("memory_limit 'plenty' is not a memory size");
    }

    /**
     * 3M rows, about 300 MB in DuckDB's buffer pool without a limit, into a file database limited to
     * 64 MB: the load evicts the blocks it wrote and lands, in-engine and through Arrow batches.
     */
    @Test
    void aLoadFarLargerThanTheLimitLandsInAFileDatabaseOnBothPaths() throws Exception {
        Path parquet = dir.resolve("big.parquet");
        DuckDb.execute(dir.resolve("gen.duckdb"), "COPY (SELECT i AS id, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS s,"
                + " i * 1.5 AS d FROM range(3000000) r(i)) TO '" + parquet + "' (FORMAT parquet)");
        for (boolean arrow : new boolean[] {false, true}) {
            Path target = dir.resolve("t" + arrow + ".duckdb");
            try (Hygge hygge = Hygge.builder().plugins(Plugins.builder().home(new dev.hygge.parquet.ParquetHomeFactory())
                    .store(new DuckDbStoreFactory()).build()).progressInterval(null).build()) {
                FlowResult result = hygge.flow("big").from("parquet", Map.of("path", parquet.toString()))
                        .to("duckdb", Map.of("path", target.toString(), "table", "big", "memory_limit", "64MiB"))
                        .arrowPath(arrow).run();
                assertThat(result.rowsWritten()).isEqualTo(3_000_000);
            }
            assertThat(DuckDb.count(target, "big")).isEqualTo(3_000_000);
            assertThat(DuckDb.query(target, "SELECT count(DISTINCT s), sum(id)::BIGINT FROM big").get(0))
                    .containsExactly(3_000_000L, 4_499_998_500_000L);
            assertThat(DuckDb.query(target, "SELECT total_blocks * block_size FROM pragma_database_size()").get(0).get(0))
                    .as("the table outgrows the limit").satisfies(bytes -> assertThat(((Number) bytes).longValue())
                            .isGreaterThan(64L << 20));
        }
    }

    @Test
    void duckDbsOutOfMemoryErrorSaysWhichOptionToRaise() throws Exception {
        try (DuckDbDatabase db = DuckDbDatabase.open("small", dir.resolve("small.duckdb").toString(), false,
                OptionalLong.of(64L << 20)); DuckDBConnection connection = db.duplicate();
             Statement statement = connection.createStatement()) {
            // one string of 160 MB: what no limit of 64 MB can hold or evict
            Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeQuery(
                    "SELECT length(string_agg(md5(i::VARCHAR), ',')) FROM range(5000000) r(i)").close());
            assertThat(error).isInstanceOf(java.sql.SQLException.class);
            assertThat(new DuckDbDialect().errorLine(error)).startsWith("Out of Memory Error")
                    .endsWith("(DuckDB's memory_limit of the database was reached: raise memory_limit on the Store, or on its"
                            + " named connection, then run again)");
        }
    }

    /** The memory_limit of the instance a Store of {@code options} opened, read while the Store holds it. */
    private static String storeSetting(Hygge hygge, Map<String, Object> options) throws Exception {
        DuckDbStoreOptions bound = dev.hygge.spi.Options.bind(options, DuckDbStoreOptions.class, "test");
        try (DuckDbStore store = new DuckDbStoreFactory().create(bound, hygge.context());
             DuckDBConnection connection = store.database().duplicate()) {
            return setting(connection);
        }
    }

    private static String setting(DuckDbDatabase database) throws Exception {
        try (DuckDBConnection connection = database.duplicate()) {
            return setting(connection);
        }
    }

    private static String setting(DuckDBConnection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('memory_limit')")) {
            result.next();
            return result.getString(1);
        }
    }

    /** How DuckDB shows a limit of {@code bytes} (0: its own default) on a database of its own. */
    private static String duckdbShows(long bytes) throws Exception {
        try (DuckDbDatabase db = DuckDbDatabase.open("probe", DuckDbDatabase.MEMORY, false,
                bytes == 0 ? OptionalLong.empty() : OptionalLong.of(bytes))) {
            return setting(db);
        }
    }
}
