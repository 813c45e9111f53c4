package dev.hygge.testkit;

import dev.hygge.spi.Readers;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Home over batches already in memory: it generates {@code distinct} batches once and hands out
 * zero-copy slices of them ({@code splitAndTransfer}) until {@code rows} rows were offered. The
 * cost of reading is near nothing, so a flow from it measures the engine and the Store alone.
 */
public final class InMemoryHome implements Home {
    private final BufferAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private final Schema schema;
    private final long rows;
    private final int batchSize;
    private final int splits;

    /**
     * @param parent the runtime's allocator ({@code hygge.context().allocator()}): slices can only
     *     move between allocators of one root
     */
    public InMemoryHome(BufferAllocator parent, TestBatches.Generator generator, long rows, int batchSize, int splits,
                        int distinct) {
        this.allocator = parent.newChildAllocator("in-memory home", 0, Long.MAX_VALUE);
        this.schema = generator.schema();
        this.rows = rows;
        this.batchSize = batchSize;
        this.splits = splits;
        for (int i = 0; i < distinct; i++) {
            batches.add(TestBatches.generate(generator, allocator, (long) i * batchSize, batchSize));
        }
    }

    @Override
    public String describe() {
        return "memory(" + rows + " rows)";
    }

    @Override
    public List<Split> splits() {
        List<Split> result = new ArrayList<>();
        long per = Math.max(1, (rows + splits - 1) / splits);
        for (long start = 0; start < rows; start += per) {
            result.add(new RangeSplit(start, Math.min(rows, start + per)));
        }
        return result;
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator target) {
        RangeSplit range = (RangeSplit) split;
        int[] batch = {0};
        return Readers.rows(target, schema, range.start(), range.end(), batchSize, (root, first, n) -> {
            VectorSchemaRoot source = batches.get(batch[0]++ % batches.size());
            for (int i = 0; i < source.getFieldVectors().size(); i++) {
                FieldVector from = source.getVector(i);
                from.makeTransferPair(root.getVector(i)).splitAndTransfer(0, n);
            }
            root.setRowCount(n);
        });
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
        batches.clear();
        allocator.close();
    }
}
