package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.spi.HyggeException;
import dev.hygge.RunResult;
import dev.hygge.config.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows that name one DuckDB file by path share one open database in the JVM, as a named connection does. */
class DuckDbSharedFileTest {
    @TempDir
    Path dir;

    @Test
    void readOnlyAndReadWriteOpensOfOneFileAtOnceShareOneHandle() throws Exception {
        Path file = dir.resolve("r.duckdb");
        DuckDb.execute(file, "CREATE TABLE t AS SELECT range AS id FROM range(10)");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (DuckDbDatabase writer = DuckDbDatabase.open("writer", file.toString(), false)) {
            List<Future<Long>> opens = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                boolean readOnly = i % 5 == 0;
                String path = i % 2 == 0 ? file.toString() : dir.resolve(".").resolve("r.duckdb").toString();
                opens.add(threads.submit(() -> {
                    try (DuckDbDatabase db = DuckDbDatabase.open("t", path, readOnly);
                         java.sql.Connection c = db.duplicate();
                         java.sql.Statement st = c.createStatement();
                         java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
            }
            for (Future<Long> open : opens) {
                assertThat(open.get()).isEqualTo(10);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(DuckDbDatabase.openFiles()).isZero();
        // the first open decides: a file open read-only here cannot also be opened for writing
        try (DuckDbDatabase reader = DuckDbDatabase.open("lister", file.toString(), true)) {
            assertThatThrownBy(() -> DuckDbDatabase.open("store", file.toString(), false)).isInstanceOf(HyggeException.class)
                    .hasMessageContaining("DuckDB database " + file + " is open read-only in this process (by 'lister')");
        }
    }

    @Test
    void twentyFlowsIntoOneFileByPathFourAtATimeAllLand() throws Exception {
        String entities = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("e%02d", i)).collect(Collectors.joining(", "));
        Files.writeString(dir.resolve("hygge.yml"), """
                options: {max_parallel_flows: 4}
                flows:
                  load:
                    home: {type: duckdb, path: ":memory:", query: "SELECT range AS id, '{entity}' AS e FROM range(500)"}
                    store: {type: duckdb, path: w.duckdb, table: "{entity}"}
                    entities: [%s]
                  export:
                    home: {type: duckdb, path: w.duckdb, query: "SELECT 1 AS one"}
                    store: {type: duckdb, path: w.duckdb, table: "ones"}
                """.formatted(entities));
        Project project = Project.load(dir);
        try (Hygge hygge = Hygge.create()) {
            RunResult result = hygge.run(project);
            assertThat(result.flows()).allSatisfy(f -> assertThat(f.error()).as(f.flow() + " " + f.entity()).isEmpty());
            assertThat(result.succeeded()).isTrue();
        }
        Path file = dir.resolve("w.duckdb");
        for (int i = 1; i <= 20; i++) {
            assertThat(DuckDb.count(file, String.format("e%02d", i))).isEqualTo(500);
        }
        assertThat(DuckDb.count(file, "ones")).isEqualTo(1);
        assertThat(dir.resolve("w.duckdb.wal")).as("checkpointed when the last user closed it").doesNotExist();
        assertThat(DuckDbDatabase.openFiles()).isZero();
    }

    @Test
    void twentyParquetFoldersIntoOneFileByPathFourAtATimeAllLand() throws Exception {
        List<String> names = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("p%02d", i)).toList();
        Path lake = Files.createDirectories(dir.resolve("lake"));
        StringBuilder copies = new StringBuilder();
        for (String name : names) {
            Files.createDirectories(lake.resolve(name));
            copies.append("COPY (SELECT range AS id, md5(range::VARCHAR) AS pad FROM range(30000)) TO '")
                    .append(lake.resolve(name).resolve("part.parquet")).append("' (FORMAT parquet);");
        }
        DuckDb.execute(dir.resolve("scratch.duckdb"), copies.toString());
        Files.writeString(dir.resolve("hygge.yml"), """
                options: {max_parallel_flows: 4}
                flows:
                  load:
                    home: "lake/{entity}/"
                    store: {type: duckdb, path: w.duckdb, table: "{entity}"}
                    entities: [%s]
                """.formatted(String.join(", ", names)));
        try (Hygge hygge = Hygge.create()) {
            RunResult result = hygge.run(Project.load(dir));
            assertThat(result.flows()).allSatisfy(f -> assertThat(f.error()).as(f.flow() + " " + f.entity()).isEmpty());
        }
        for (String name : names) {
            assertThat(DuckDb.count(dir.resolve("w.duckdb"), name)).isEqualTo(30_000);
        }
        assertThat(dir.resolve("w.duckdb.wal")).doesNotExist();
    }
}
