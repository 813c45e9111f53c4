package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.NarrowingReader;
import dev.hygge.spi.Store;
import dev.hygge.spi.VectorBytes;
import dev.hygge.testkit.ConsumingStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wide rows out of a DuckDB table are handed on in batches bounded by bytes, with regular string
 * offsets (issue 10, finding 6: past 2 GB of strings in one batch DuckDB aborted the JVM). 25,000
 * rows of 20 KB are one 500 MB batch at the default batch size; the Home hands them on in slices of
 * at most 256 MB.
 */
class DuckDbWideRowsTest {
    @TempDir
    Path dir;

    @Test
    void wideRowsLeaveInBatchesBoundedByBytes() {
        Path file = dir.resolve("wide.duckdb");
        DuckDb.execute(file, "CREATE TABLE wide AS SELECT i AS id, repeat(chr(65 + (i % 26)::INT), 20000) || i::VARCHAR AS body"
                + " FROM range(25000) t(i)");
        BatchSizes sizes = new BatchSizes();
        try (Hygge hygge = DuckDb.runtime()) {
            FlowResult result = hygge.flow("wide").from("duckdb", Map.of("path", file.toString(), "table", "wide"))
                    .to(sizes.store()).run();
            assertThat(result.rowsWritten()).isEqualTo(25_000);
        }
        assertThat(sizes.rows.get()).isEqualTo(25_000);
        assertThat(sizes.batches.get()).isGreaterThan(1);
        assertThat(sizes.largest.get()).isLessThanOrEqualTo(NarrowingReader.DEFAULT_MAX_BATCH_BYTES);
        assertThat(sizes.text.get()).isEqualTo(25_000L * 20_000 + digits(25_000));
    }

    private static long digits(int rows) {
        long total = 0;
        for (int i = 0; i < rows; i++) {
            total += Integer.toString(i).length();
        }
        return total;
    }

    /** Records the rows, batches, largest batch and string bytes it is given; checks the string type. */
    private static final class BatchSizes {
        final AtomicLong rows = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong largest = new AtomicLong();
        final AtomicLong text = new AtomicLong();

        Store store() {
            return new ConsumingStore("batch sizes", 1, stream -> {
                assertThat(stream.getVectorSchemaRoot().getSchema().findField("body").getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
                long count = 0;
                while (stream.loadNextBatch()) {
                    var root = stream.getVectorSchemaRoot();
                    count += root.getRowCount();
                    batches.incrementAndGet();
                    largest.accumulateAndGet(VectorBytes.of(root), Math::max);
                    VarCharVector body = (VarCharVector) root.getVector("body");
                    text.addAndGet(body.getOffsetBuffer().getInt((long) root.getRowCount() * 4) - body.getOffsetBuffer().getInt(0));
                }
                rows.addAndGet(count);
                return count;
            });
        }
    }
}
