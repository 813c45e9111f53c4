package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hygge.Hygge;
import dev.hygge.spi.StoreException;
import dev.hygge.duckdb.faults.DuckDbFaultChild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DuckDB file on a disk that fills up during a write (a small tmpfs; needs root to mount, skipped
 * otherwise): one clear line, the table as it was, and nothing left after the next run.
 */
class DuckDbDiskFullTest {
    @TempDir
    Path dir;
    private Path small;

    @AfterEach
    void unmount() throws Exception {
        if (small != null) {
            new ProcessBuilder("umount", small.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    private boolean mount(String size) throws IOException, InterruptedException {
        small = Files.createDirectories(dir.resolve("small"));
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        return p.waitFor() == 0;
    }

    private static void write(Path file, String table, String ifExists, int generation, long rows) {
        // md5 text does not compress, so the rows take their size on disk
        String query = "SELECT range AS id, " + generation + " AS gen, md5(range::VARCHAR) || md5((range + 1)::VARCHAR) AS pad"
                + " FROM range(" + rows + ")";
        try (Hygge hygge = DuckDbFaultChild.runtime()) {
            hygge.flow("f").from("duckdb", Map.of("path", ":memory:", "query", query))
                    .to("duckdb", DuckDbFaultChild.store(file, table, ifExists, "temp_swap")).run();
        }
    }

    @Test
    void aFullDiskIsOneClearLineAndTheNextRunLeavesNothingBehind() throws Exception {
        assumeTrue(mount("24m"), "mounting a small tmpfs needs root");
        Path file = small.resolve("w.duckdb");
        write(file, "orders", "append", 1, 1_000);
        Path filler = small.resolve("filler");
        Files.write(filler, new byte[16 * 1024 * 1024]);

        assertThatThrownBy(() -> write(file, "orders", "replace", 2, 1_000_000))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(file.toString())
                        .contains("disk is full").contains("free space"));
        assertThat(DuckDb.count(file, "orders WHERE gen = 1")).isEqualTo(1_000);
        assertThat(DuckDb.stagingTables(file)).as("dropped on failure, as the database still allowed it").isZero();

        Files.delete(filler);
        write(file, "orders", "append", 3, 500);
        assertThat(DuckDb.count(file, "orders")).isEqualTo(1_500);
        assertThat(DuckDb.stagingTables(file)).isZero();
        try (var files = Files.list(small)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly("w.duckdb");
        }
    }
}
