package dev.hygge.examples.faults;

import dev.hygge.Hygge;
import dev.hygge.spi.Store;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * What a reader sees in a destination: per {@code tag}, the rows and the sum of their ids. Read
 * through hygge's own Home, so that a Home's repair of an interrupted commit is part of what is
 * checked.
 *
 * <pre>{@code
 * Snapshot seen = Snapshot.read(Kind.PARQUET_APPEND, "lake/t");   // {old=[200000, 19999900000]}
 * }</pre>
 */
record Snapshot(Map<String, Sums> tags) {
    /** Rows and the sum of their ids. */
    record Sums(long rows, long ids) {
        Sums plus(Sums other) {
            return new Sums(rows + other.rows, ids + other.ids);
        }
    }

    static final Snapshot EMPTY = new Snapshot(Map.of());

    /** The rows with ids {@code [first, first + count)} tagged {@code tag}. */
    static Snapshot of(String tag, long first, long count) {
        return new Snapshot(Map.of(tag, new Sums(count, count * first + count * (count - 1) / 2)));
    }

    Snapshot plus(Snapshot other) {
        Map<String, Sums> merged = new TreeMap<>(tags);
        other.tags.forEach((tag, sums) -> merged.merge(tag, sums, Sums::plus));
        return new Snapshot(merged);
    }

    static Snapshot read(Kind kind, String destination) {
        Collector collector = new Collector();
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            Map<String, Object> home = kind.parquet() ? Map.of("path", destination)
                    : Map.of("path", destination, "query", "SELECT id, tag FROM t");
            hygge.flow("check").from(kind.store(), home).to(collector).parallelism(1).run();
        }
        return new Snapshot(Map.copyOf(collector.tags));
    }

    /** Sums the ids of each tag. */
    private static final class Collector implements Store {
        final Map<String, Sums> tags = new TreeMap<>();

        @Override
        public String describe() {
            return "snapshot";
        }

        @Override
        public StoreWrite begin(WriteRequest request) {
            return new StoreWrite() {
                @Override
                public long consume(ArrowReader stream) throws Exception {
                    long rows = 0;
                    while (stream.loadNextBatch()) {
                        VectorSchemaRoot root = stream.getVectorSchemaRoot();
                        BigIntVector id = (BigIntVector) root.getVector("id");
                        VarCharVector tag = (VarCharVector) root.getVector("tag");
                        for (int i = 0; i < root.getRowCount(); i++) {
                            tags.merge(tag.getObject(i).toString(), new Sums(1, id.get(i)), Sums::plus);
                        }
                        rows += root.getRowCount();
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

    @Override
    public String toString() {
        return tags.toString();
    }
}
