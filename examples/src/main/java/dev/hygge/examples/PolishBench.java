package dev.hygge.examples;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.polish.ColumnCase;
import dev.hygge.polish.Constant;
import dev.hygge.polish.HashId;
import dev.hygge.polish.LoadTimestamp;
import dev.hygge.polish.Polish;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * The polish benchmark's steps, one per JVM ({@code bench/polish.sh} runs them): the same parquet
 * → parquet flow over the benchmark table ({@link SampleData#benchmark}) with no polish, or with
 * one polish step:
 *
 * <pre>{@code
 * java ... dev.hygge.examples.PolishBench none   bench/work/polish/source.parquet bench/work/polish/out
 * java ... dev.hygge.examples.PolishBench rename bench/work/polish/source.parquet bench/work/polish/out
 * }</pre>
 *
 * <ul>
 *   <li>{@code rename}: {@code columns: {remove_special: true, case: pascal}} (every column renamed);</li>
 *   <li>{@code hash}: a sha256 hex hash id of {@code id, name, amount, updated_at} (int64, text, decimal, timestamp);</li>
 *   <li>{@code constants}: a text constant and {@code add_row_marker};</li>
 *   <li>{@code timestamps}: a {@code now_utc} load timestamp;</li>
 *   <li>{@code all}: all of them.</li>
 * </ul>
 * With {@code -Dpolish.discard=true} the Store drops every batch instead of writing parquet, so a
 * step's cost is the transform's own (the Home's read stays in every step alike). Each prints
 * {@code seconds=… rows=… rss_mb=…}.
 */
public final class PolishBench {
    private PolishBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PolishBench generate|none|rename|hash|constants|timestamps|all <source.parquet> <rows|destination>");
            System.exit(2);
        }
        Path source = Path.of(args[1]);
        long start = System.nanoTime();
        long rows;
        if (args[0].equals("generate")) {
            rows = Long.parseLong(args[2]);
            SampleData.benchmark(source, rows);
        } else {
            rows = copy(polish(args[0]), source, Path.of(args[2]));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seconds=%.3f rows=%d rss_mb=%d%n", seconds, rows, ParquetCopyBench.peakRssMb());
    }

    static Polish polish(String step) {
        Polish.Builder polish = Polish.builder();
        boolean all = step.equals("all");
        switch (step) {
            case "none", "all", "rename", "hash", "constants", "timestamps" -> { }
            default -> throw new IllegalArgumentException("unknown step " + step);
        }
        if (all || step.equals("rename")) {
            polish.columns(true, false, ColumnCase.PASCAL);
        }
        if (all || step.equals("hash")) {
            polish.hashId(HashId.of("row_hash", "id", "name", "amount", "updated_at"));
        }
        if (all || step.equals("constants")) {
            polish.constant(Constant.of("source_system", "crm")).rowMarker(4);
        }
        if (all || step.equals("timestamps")) {
            polish.timestamp(LoadTimestamp.utc("loaded_at"));
        }
        return polish.build();
    }

    private static long copy(Polish polish, Path source, Path destination) {
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            var flow = hygge.flow("copy").from("parquet", Map.of("path", source.toString()));
            if (Boolean.getBoolean("polish.discard")) {
                flow.to(new Discard());
            } else {
                flow.to("parquet", Map.of("path", destination.toString(), "compression", "snappy", "if_exists", "replace"));
            }
            if (!polish.isEmpty()) {
                flow.polish(polish);
            }
            FlowResult result = flow.run();
            return result.rowsWritten();
        }
    }

    /** A Store that counts the rows of every batch and drops it. */
    private static final class Discard implements Store {
        @Override
        public String describe() {
            return "discard";
        }

        @Override
        public int maxStreams() {
            return 16;
        }

        @Override
        public StoreWrite begin(WriteRequest request) {
            return new StoreWrite() {
                @Override
                public long consume(ArrowReader stream) throws Exception {
                    long rows = 0;
                    while (stream.loadNextBatch()) {
                        rows += stream.getVectorSchemaRoot().getRowCount();
                    }
                    return rows;
                }

                @Override
                public void commit() {}

                @Override
                public void abort() {}

                @Override
                public void close() {}
            };
        }
    }
}
