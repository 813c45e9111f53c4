package dev.hygge.mssql.bench;

import dev.hygge.mssql.ArrowBulkData;
import dev.hygge.testkit.TestBatches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What the client side of a bulk copy costs without a server: every row of the benchmark table
 * pulled through {@link ArrowBulkData#next()} / {@link ArrowBulkData#getRowData()} exactly as
 * {@code SQLServerBulkCopy} calls them (the driver's own TDS encoding is not included).
 *
 * <pre>{@code
 * java -cp ... dev.hygge.mssql.bench.BulkAdapterBench [rows] [batch_size] [passes]
 * }</pre>
 *
 * <p>Prints one line per pass; the last line is {@code rows_per_s=…} of the last pass.
 */
public final class BulkAdapterBench {
    private BulkAdapterBench() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 102_400;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int distinct = (int) ((rows + batchSize - 1) / batchSize);
        long started = System.nanoTime();
        List<VectorSchemaRoot> batches = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            try {
                for (long start = 0; start < rows; start += batchSize) {
                    batches.add(TestBatches.generate(TestBatches.benchmark(), allocator, start, (int) Math.min(batchSize, rows - start)));
                }
                System.out.printf("generated %,d rows x 8 columns in %d batches of %,d in %.1f s%n", rows, distinct, batchSize,
                        (System.nanoTime() - started) / 1e9);
                double rate = 0;
                for (int pass = 1; pass <= passes; pass++) {
                    long nulls = 0;
                    long count = 0;
                    long t0 = System.nanoTime();
                    try (ArrowReader reader = new SlicingReader(allocator, batches)) {
                        ArrowBulkData data = ArrowBulkData.over(reader);
                        while (data.next()) {
                            Object[] values = data.getRowData();
                            for (Object value : values) {
                                if (value == null) {
                                    nulls++;
                                }
                            }
                            count++;
                        }
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    rate = count / seconds;
                    System.out.printf("pass %d: %,d rows (%,d null values) in %.3f s = %,.0f rows/s%n", pass, count, nulls, seconds, rate);
                    if (count != rows) {
                        throw new IllegalStateException("pulled " + count + " rows, expected " + rows);
                    }
                }
                System.out.printf("rows_per_s=%.0f%n", rate);
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    /** Hands out zero-copy slices of batches in memory, as the engine hands a Store its batches. */
    private static final class SlicingReader extends ArrowReader {
        private final List<VectorSchemaRoot> batches;
        private int next;

        SlicingReader(BufferAllocator allocator, List<VectorSchemaRoot> batches) {
            super(allocator);
            this.batches = batches;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (next >= batches.size()) {
                return false;
            }
            VectorSchemaRoot source = batches.get(next++);
            VectorSchemaRoot root = getVectorSchemaRoot();
            for (int i = 0; i < source.getFieldVectors().size(); i++) {
                source.getVector(i).makeTransferPair(root.getVector(i)).splitAndTransfer(0, source.getRowCount());
            }
            root.setRowCount(source.getRowCount());
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {}

        @Override
        protected Schema readSchema() {
            return TestBatches.benchmark().schema();
        }
    }
}
