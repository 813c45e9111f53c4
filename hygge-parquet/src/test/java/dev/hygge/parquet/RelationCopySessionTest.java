package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WriteRequest;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A relation that names its own DuckDB instance (a DuckDB Home's table) is copied there whole:
 * the watermark aggregate, the Arrow types, the row-group estimate and the {@code COPY} all run on
 * the relation's connections, and the Store's own DuckDB is never started.
 */
class RelationCopySessionTest {
    @TempDir
    Path dir;

    private static final SupportsEngineWrite.Progress QUIET = new SupportsEngineWrite.Progress() {
        @Override
        public void processed(long rows) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    @Test
    void aRelationOfAnotherInstanceIsCopiedThereWithoutStartingTheStoresDuckDb() throws Exception {
        Path out = dir.resolve("lake");
        try (Hygge hygge = ParquetRoundTripTest.runtime(); DuckDb home = DuckDb.open(1, "256MB")) {
            try (DuckDBConnection connection = home.connect(); Statement statement = connection.createStatement()) {
                // a table only the Home's instance has: a COPY run anywhere else fails
                statement.execute("CREATE TABLE orders AS SELECT i AS id, TIMESTAMP '2026-01-01' + to_seconds(i) AS updated_at,"
                        + " 'note ' || i AS note, CASE WHEN i % 10 = 0 THEN NULL ELSE i END AS maybe FROM range(0, 5000) r(i)");
            }
            Schema schema = schema(home, "SELECT * FROM orders");
            EngineRelation relation = new EngineRelation("duckdb@home", "SELECT * FROM orders WHERE id >= ?", List.of(1000L), schema,
                    OptionalLong.empty(), Optional.of(home::connect), "the Home's orders");
            ParquetStore store = (ParquetStore) ParquetStateTest.store(hygge, Map.of("path", out.toString()));
            try (store) {
                WriteRequest request = new WriteRequest("orders", Optional.empty(), schema, 1, List.of(), "run-1",
                        Duration.ofSeconds(5), true);
                EngineWatermark.Seen seen;
                try (StoreWrite write = store.begin(request)) {
                    seen = ((SupportsEngineWrite.EngineWrite) write).load(relation, new EngineWatermark("updated_at", false), QUIET);
                    write.commit();
                }
                assertThat(seen.rows()).isEqualTo(4000);
                assertThat(seen.written()).isEqualTo(4000);
                assertThat(seen.nullRows()).isZero();
                assertThat(seen.greatest().orElseThrow().value()).isEqualTo(LocalDateTime.parse("2026-01-01T01:23:19"));
                assertThat(store.duckdb().started()).as("the Store's own DuckDB").isFalse();
            }
        }
        String files = DuckDbCheck.glob(out);
        assertThat(DuckDbCheck.query("SELECT count(*), min(id), max(id), count(maybe), max(note) FROM read_parquet('" + files + "')"))
                .containsExactly(List.of(4000L, 1000L, 4999L, 3600L, "note 4999"));
    }

    /**
     * A relation in the DuckDB Home's incremental shape ({@code > ?} UNION ALL {@code IS NULL}) loses its NULL rows
     * in the copy only when they are not loaded, and the copy leaves the filter off when the relation has none: each
     * case writes exactly its rows and counts its NULLs.
     */
    @ParameterizedTest(name = "NULL rows {0}, loaded {1}")
    @CsvSource({"true, false", "true, true", "false, false"})
    void aCopyLeavesOutTheNullWatermarksOnlyWhenThereAreSomeNotToLoad(boolean withNulls, boolean loadNulls) throws Exception {
        Path out = dir.resolve("lake");
        try (Hygge hygge = ParquetRoundTripTest.runtime(); DuckDb home = DuckDb.open(1, "256MB")) {
            try (DuckDBConnection connection = home.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders AS SELECT i AS id, CASE WHEN " + withNulls + " AND i % 10 = 0 THEN NULL"
                        + " ELSE TIMESTAMP '2026-01-01' + to_seconds(i) END AS updated_at FROM range(0, 5000) r(i)");
            }
            Schema schema = schema(home, "SELECT * FROM orders");
            String read = "SELECT * FROM (SELECT * FROM orders) q WHERE q.updated_at ";
            EngineRelation relation = new EngineRelation("duckdb@home", read + "> ? UNION ALL " + read + "IS NULL",
                    List.of(LocalDateTime.parse("2026-01-01T00:16:39")), schema, OptionalLong.empty(), Optional.of(home::connect),
                    "the Home's orders");
            ParquetStore store = (ParquetStore) ParquetStateTest.store(hygge, Map.of("path", out.toString()));
            EngineWatermark.Seen seen;
            try (store; StoreWrite write = store.begin(new WriteRequest("orders", Optional.empty(), schema, 1, List.of(), "run-1",
                    Duration.ofSeconds(5), true))) {
                seen = ((SupportsEngineWrite.EngineWrite) write).load(relation, new EngineWatermark("updated_at", loadNulls), QUIET);
                write.commit();
            }
            long nulls = withNulls ? 500 : 0;
            long after = withNulls ? 3600 : 4000;          // ids 1000..4999 after the watermark, less the NULL ones
            assertThat(seen.nullRows()).isEqualTo(nulls);
            assertThat(seen.rows()).isEqualTo(after + nulls);
            assertThat(seen.written()).isEqualTo(loadNulls ? after + nulls : after);
            assertThat(DuckDbCheck.query("SELECT count(*), count(updated_at), min(updated_at)::VARCHAR FROM read_parquet('"
                    + DuckDbCheck.glob(out) + "')")).containsExactly(List.of(seen.written(), after,
                    withNulls ? "2026-01-01 00:16:41" : "2026-01-01 00:16:40"));   // id 1000's is NULL
        }
    }

    /** A copy of at most a row group runs as the relation's instance runs small copies; a larger one as it is. */
    @Test
    void aCopyOfAtMostARowGroupRunsAsTheInstanceRunsSmallCopies() throws Exception {
        try (Hygge hygge = ParquetRoundTripTest.runtime(); DuckDb home = DuckDb.open(1, "256MB")) {
            try (DuckDBConnection connection = home.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders AS SELECT i AS id, TIMESTAMP '2026-01-01' + to_seconds(i) AS updated_at"
                        + " FROM range(0, 200000) r(i)");
            }
            Schema schema = schema(home, "SELECT * FROM orders");
            java.util.concurrent.atomic.AtomicInteger small = new java.util.concurrent.atomic.AtomicInteger();
            EngineRelation.Session session = new EngineRelation.Session() {
                @Override
                public java.sql.Connection connect() throws java.sql.SQLException {
                    return home.connect();
                }

                @Override
                public <T> T runSmall(EngineRelation.Work<T> work) throws java.sql.SQLException {
                    small.incrementAndGet();
                    return work.run();
                }
            };
            for (long from : new long[] {200_000 - 122_880, 200_000 - 122_881}) {
                EngineRelation relation = new EngineRelation("duckdb@home", "SELECT * FROM orders WHERE id >= ?", List.of(from),
                        schema, OptionalLong.empty(), Optional.of(session), "the Home's orders");
                try (ParquetStore store = (ParquetStore) ParquetStateTest.store(hygge,
                        Map.of("path", dir.resolve("lake-" + from).toString()));
                     StoreWrite write = store.begin(new WriteRequest("orders", Optional.empty(), schema, 1, List.of(), "run-1",
                             Duration.ofSeconds(5), true))) {
                    EngineWatermark.Seen seen = ((SupportsEngineWrite.EngineWrite) write).load(relation,
                            new EngineWatermark("updated_at", false), QUIET);
                    write.commit();
                    assertThat(seen.written()).isEqualTo(200_000 - from);
                }
            }
            assertThat(small).as("small copies: 122,880 rows, not 122,881").hasValue(1);
        }
    }

    /**
     * Row groups of wide rows are sized by their bytes with 64-bit string offsets, as every DuckDB of
     * hygge exports them, whatever the Home's database was set to: 10,906-byte strings and a BIGINT
     * make 67,108,864 / 10,922 = 6,144 rows a group, where 32-bit offsets make 6,146 (which DuckDB's
     * writer rounds up to its 2,048-row vectors: one group of 8,192).
     */
    @Test
    void wideRowGroupsAreSizedAlikeWhateverTheHomesArrowSetting() throws Exception {
        Path out = dir.resolve("wide");
        try (Hygge hygge = ParquetRoundTripTest.runtime();
             DuckDBConnection home = (DuckDBConnection) new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties())) {
            try (Statement statement = home.createStatement()) {
                statement.execute("CREATE TABLE wide AS SELECT i AS id, repeat(chr(97 + (i % 26)::INTEGER), 10906 - 8) || lpad(i::VARCHAR, 8, '0')"
                        + " AS s FROM range(0, 8192) r(i)");
            }
            Schema schema;
            try (java.sql.PreparedStatement statement = home.prepareStatement("SELECT * FROM wide LIMIT 0");
                 DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
                 BufferAllocator allocator = new RootAllocator();
                 ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
                schema = reader.getVectorSchemaRoot().getSchema();
            }
            EngineRelation relation = new EngineRelation("duckdb@home", "SELECT * FROM wide", List.of(), schema, OptionalLong.empty(),
                    Optional.of(home::duplicate), "the Home's wide rows");
            try (ParquetStore store = (ParquetStore) ParquetStateTest.store(hygge, Map.of("path", out.toString()))) {
                try (StoreWrite write = store.begin(new WriteRequest("wide", Optional.empty(), schema, 1, List.of(), "run-1",
                        Duration.ofSeconds(5), false))) {
                    assertThat(((SupportsEngineWrite.EngineWrite) write).load(relation, QUIET)).isEqualTo(8192);
                    write.commit();
                }
            }
        }
        assertThat(DuckDbCheck.query("SELECT row_group_num_rows FROM parquet_metadata('" + DuckDbCheck.glob(out)
                + "') WHERE column_id = 0 ORDER BY row_group_id")).containsExactly(List.of(6144L), List.of(2048L));
    }

    @Test
    void aLazyDuckDbStartsAtItsFirstConnectionAndClosesOnce() throws Exception {
        DuckDb duckdb = DuckDb.lazy(1, "64MB");
        assertThat(duckdb.started()).isFalse();
        try (DuckDBConnection connection = duckdb.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("SELECT current_setting('TimeZone')").next()).isTrue();
        }
        assertThat(duckdb.started()).isTrue();
        duckdb.close();
        duckdb.close();
        assertThat(duckdb.started()).isFalse();
        DuckDb.lazy(1, "64MB").close();          // never started: nothing to close
    }

    /** The Arrow schema DuckDB exports {@code sql}'s rows with, as a DuckDB Home describes its query. */
    private static Schema schema(DuckDb duckdb, String sql) throws Exception {
        try (DuckDBConnection connection = duckdb.connect();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT * FROM (" + sql + ") q LIMIT 0");
             DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
             BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 1)) {
            return reader.getVectorSchemaRoot().getSchema();
        }
    }
}
