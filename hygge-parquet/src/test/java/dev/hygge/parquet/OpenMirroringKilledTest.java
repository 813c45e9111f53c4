package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.parquet.faults.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open Mirroring full loads killed (SIGKILL, in a JVM of their own) while staging and while waiting for
 * Fabric to drop the table, then the next write of the table: it completes or removes what the dead run
 * left, and the table holds every row once. At no moment does the landing zone hold a file that is not
 * complete.
 */
class OpenMirroringKilledTest extends OpenMirroringFixture {
    @TempDir
    Path work;

    private void setUp(Path sources) throws Exception {
        source(sources.resolve("a.parquet"), 0, 1_000);
        try (Hygge hygge = runtime()) {
            assertThat(full(hygge, sources, options()).succeeded()).isTrue();
        }
        source(sources.resolve("b.parquet"), 1_000, 400_000);
    }

    /** Every data file in the table's folder reads whole; returns their rows. */
    private long readable() {
        List<String> data = files(landing("orders")).stream().filter(f -> f.matches(SEQUENCE_NAME)).toList();
        long rows = 0;
        for (String f : data) {
            rows += DuckDbCheck.count(landing("orders").resolve(f).toString());
        }
        return rows;
    }

    private void nextWriteRepairs(Path sources, long expectedRows) throws Exception {
        source(sources.resolve("c.parquet"), 500_000, 10);
        try (Hygge hygge = runtime()) {
            FlowResult next = incremental(hygge, sources, options());
            assertThat(next.succeeded()).as("%s", next.error()).isTrue();
        }
        assertThat(files(dir.resolve("crm/Files/_hygge_mirroring/orders"))).as("no run folder is left")
                .containsExactly("_hygge.lock", "_hygge_state.json");
        assertThat(DuckDbCheck.query("SELECT count(*), count(DISTINCT id), max(id) FROM '" + landing("orders") + "/*.parquet'"))
                .as("every row once").containsExactly(List.of(expectedRows, expectedRows, 500_009L));
    }

    @Test
    void killedWhileWaitingForTheDropTheNextWriteMovesItsFilesIn() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("in"));
        setUp(sources);
        ChildJvm child = ChildJvm.start(work, OpenMirroringFaultChild.class, dir.toString(), sources.toString(), "50000", "600");
        assertThat(child.await("waiting", Duration.ofMinutes(3))).as(child.describe()).isTrue();
        child.kill();
        assertThat(landing("orders")).as("the folder was dropped").doesNotExist();

        nextWriteRepairs(sources, 401_010);
        assertThat(waits).as("the repair found no file moved: it dropped and waited again").containsExactly(600_000L);
    }

    @Test
    void killedWhileStagingNothingLandsAndTheNextWriteRemovesTheStagedFiles() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("in"));
        setUp(sources);
        List<String> before = files(landing("orders"));
        ChildJvm child = ChildJvm.start(work, OpenMirroringFaultChild.class, dir.toString(), sources.toString(), "20000", "600");
        assertThat(child.await("started", Duration.ofMinutes(2))).as(child.describe()).isTrue();
        Path own = dir.resolve("crm/Files/_hygge_mirroring/orders");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (files(own).stream().noneMatch(f -> f.endsWith("part-000001.parquet")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        child.kill();
        boolean committed = files(own).stream().anyMatch(f -> f.endsWith("/_journal"));
        assertThat(readable()).as("whatever landed reads whole").isGreaterThanOrEqualTo(0);
        if (!committed) {
            assertThat(files(landing("orders"))).as("killed before its journal: the table as it was").isEqualTo(before);
        }
        nextWriteRepairs(sources, 401_010);
    }
}
