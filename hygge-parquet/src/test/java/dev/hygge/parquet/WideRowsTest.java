package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows so wide that one default batch holds more than 2 GB of strings (130,000 rows of 17 KB: issue
 * 10, finding 6). Before, DuckDB threw inside the Arrow stream callback and the JVM aborted (exit
 * 134) with no summary; the copy runs in a child JVM so that such an abort fails this test cleanly.
 */
class WideRowsTest {
    static final int ROWS = 130_000;
    static final int WIDTH = 17_000;

    @TempDir
    Path dir;

    @Test
    void aTableWhoseStringsPassTwoGigabytesPerBatchIsCopiedWhole() throws Exception {
        Path source = dir.resolve("wide.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, repeat(chr(65 + (i % 26)::INT), " + WIDTH + ") || i::VARCHAR AS body"
                + " FROM range(" + ROWS + ") t(i)) TO '" + source + "' (FORMAT parquet)");
        Path lake = dir.resolve("lake");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                WideCopy.class.getName(), source.toString(), lake.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean ended = child.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        assertThat(ended).as("the copy ended within 10 minutes").isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        assertThat(Files.readString(dir.resolve("child.log"))).contains("rows=" + ROWS);
        assertThat(DuckDbCheck.count(lake + "/*.parquet")).isEqualTo(ROWS);
        assertThat(DuckDbCheck.query("SELECT sum(length(body))::BIGINT, count(DISTINCT id)::BIGINT FROM '" + lake + "/*.parquet'"))
                .containsExactly(java.util.List.of((long) ROWS * WIDTH + digits(), (long) ROWS));
    }

    @Test
    void batchesAndRowGroupsAreSizedByBytesAsWellAsRows() {
        assertThat(SplitRanges.batchRows(0, 122_880)).isEqualTo(122_880);          // no sizes known: batch_size
        assertThat(SplitRanges.batchRows(40, 122_880)).isEqualTo(122_880);         // narrow rows: batch_size
        assertThat(SplitRanges.batchRows(20_000, 122_880)).isEqualTo(3_355);       // 20 KB rows: 64 MB batches
        assertThat(SplitRanges.batchRows(50_000_000, 122_880)).isEqualTo(64);      // never fewer than 64 rows
        assertThat(SplitRanges.batchRows(50_000_000, 10)).isEqualTo(10);           // nor more than batch_size
        assertThat(ParquetWrite.rowGroupRows(40, 122_880)).isEqualTo(122_880);
        assertThat(ParquetWrite.rowGroupRows(20_000, 122_880)).isEqualTo(3_355);
        assertThat(ParquetWrite.rowGroupRows(50_000_000, 122_880)).isEqualTo(2_048);
    }

    private static long digits() {
        long total = 0;
        for (int i = 0; i < ROWS; i++) {
            total += Integer.toString(i).length();
        }
        return total;
    }

    /** The child JVM: copies the wide file with the Home's and Store's defaults. */
    public static final class WideCopy {
        public static void main(String[] args) {
            try (Hygge hygge = ParquetRoundTripTest.runtime()) {
                FlowResult result = hygge.flow("wide").from("parquet", Map.of("path", args[0]))
                        .to("parquet", Map.of("path", args[1])).run();
                System.out.println("rows=" + result.rowsWritten());
            }
            System.exit(0);
        }
    }
}
