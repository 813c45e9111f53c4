package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.testkit.CollectingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File and folder names holding glob characters are read as themselves: DuckDB's
 * {@code read_parquet} treats every name it is given as a glob, so {@code a[1].parquet} read the
 * rows of {@code a1.parquet} (and the run reported success).
 */
class GlobCharactersTest {
    @TempDir
    Path dir;

    @Test
    void filesWhoseNamesHoldGlobCharactersAreReadAsThemselves() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        write(lake.resolve("a[1].parquet"), 100, 0);
        write(lake.resolve("a1.parquet"), 30, 1_000);
        write(lake.resolve("b*.parquet"), 7, 2_000);
        write(lake.resolve("b?.parquet"), 5, 3_000);
        write(lake.resolve("bx.parquet"), 3, 4_000);
        CollectingStore out = new CollectingStore(1);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            FlowResult result = hygge.flow("read").from("parquet", Map.of("path", lake.toString())).to(out).parallelism(1).run();
            assertThat(result.rowsWritten()).isEqualTo(145);
        }
        long sum = out.committed().stream().mapToLong(row -> (Long) row.get(0)).sum();
        assertThat(sum).isEqualTo(ids(100, 0) + ids(30, 1_000) + ids(7, 2_000) + ids(5, 3_000) + ids(3, 4_000));
    }

    @Test
    void aFolderWhoseNameHoldsGlobCharactersIsReadThroughAnEscapedGlob() throws Exception {
        write(Files.createDirectories(dir.resolve("ord[1]ers")).resolve("orders_0.parquet"), 100, 0);
        write(Files.createDirectories(dir.resolve("ord1ers")).resolve("orders_0.parquet"), 30, 1_000);
        CollectingStore out = new CollectingStore(1);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("read").from("parquet", Map.of("path", dir.resolve("ord\\[1\\]ers").resolve("*.parquet").toString())).to(out).run();
        }
        assertThat(out.committed()).hasSize(100);
        assertThat(out.committed().stream().mapToLong(row -> (Long) row.get(0)).sum()).isEqualTo(ids(100, 0));
    }

    private static long ids(long count, long first) {
        return count * first + count * (count - 1) / 2;
    }

    private static void write(Path file, int rows, int first) {
        Path plain = file.resolveSibling("tmp-" + System.nanoTime() + ".parquet");
        DuckDbCheck.execute("COPY (SELECT (" + first + " + i)::BIGINT AS id FROM range(" + rows + ") t(i)) TO '" + plain
                + "' (FORMAT parquet)");
        try {
            Files.move(plain, file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
