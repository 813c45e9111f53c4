package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.config.Project;
import dev.hygge.duckdb.faults.DuckDbFaultChild;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging tables of killed runs are dropped at the next write of their table and never listed as entities. */
class DuckDbStagingCleanupTest {
    @TempDir
    Path dir;

    /** Starts a child that stays in the middle of loading a staging table of {@code table}, and kills it there. */
    static void killWhileStaging(Path dir, Path file, String table, String ifExists, String strategy) throws Exception {
        Process child = new ProcessBuilder(DuckDbFaultChild.command(file, table, ifExists, strategy, 9, 0, true))
                .redirectError(dir.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("writing");
            assertThat(out.readLine()).isEqualTo("staged");
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void write(Path file, String table, int generation, long rows) {
        try (Hygge hygge = DuckDbFaultChild.runtime()) {
            hygge.flow("repair").from("duckdb", Map.of("path", ":memory:", "query", DuckDbFaultChild.query(generation, rows)))
                    .to("duckdb", DuckDbFaultChild.store(file, table, "append", "temp_swap")).run();
        }
    }

    @Test
    void theNextWriteOfTheTableDropsWhatAKilledWriteStaged() throws Exception {
        Path file = dir.resolve("w.duckdb");
        write(file, "orders", 1, 100);
        write(file, "customers", 1, 10);
        killWhileStaging(dir, file, "orders", "append", "temp_swap");
        killWhileStaging(dir, file, "orders", "replace", "merge");
        killWhileStaging(dir, file, "customers", "append", "temp_swap");
        // the second kill's write already dropped what the first left: one staging table per table remains
        assertThat(DuckDb.stagingTables(file)).isEqualTo(2);
        assertThat(DuckDb.count(file, "orders")).isEqualTo(100);

        write(file, "ORDERS", 2, 50);
        assertThat(DuckDb.count(file, "orders")).isEqualTo(150);
        // only the staging tables of orders went; the one of customers waits for the next write of customers
        assertThat(DuckDb.stagingTables(file)).isEqualTo(1);
        write(file, "customers", 2, 5);
        assertThat(DuckDb.stagingTables(file)).isZero();
        assertThat(DuckDb.count(file, "customers")).isEqualTo(15);
    }

    @Test
    void stagingTablesAreNeverListedAsEntities() throws Exception {
        Path file = dir.resolve("wh.duckdb");
        write(file, "orders", 1, 10);
        killWhileStaging(dir, file, "orders", "append", "temp_swap");
        DuckDb.execute(file, "CREATE TABLE hygge_stage_0123abcd_lk3x9a1b2c_legacy (id INTEGER)");
        assertThat(DuckDb.stagingTables(file)).isEqualTo(2);
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  export:
                    home: {type: duckdb, path: wh.duckdb, table: "{entity}"}
                    store: lake/
                    entities: "*"
                """);
        List<String> entities = Project.load(dir).flows().stream().map(d -> d.entity().orElseThrow()).toList();
        assertThat(entities).containsExactly("orders");
    }
}
