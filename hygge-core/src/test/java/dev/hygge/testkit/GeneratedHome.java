package dev.hygge.testkit;

import dev.hygge.spi.Readers;
import dev.hygge.spi.HomeException;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A Home that generates {@code rows} rows with a {@link TestBatches.Generator}, in batches of
 * {@code batchSize}, offered as {@code splits} row ranges. Every batch is freshly allocated from
 * the allocator the engine passes, so memory tests see real allocations.
 *
 * <pre>{@code
 * Home home = GeneratedHome.builder(TestBatches.allTypes()).rows(100_000).batchSize(1_000).splits(4).build();
 * }</pre>
 */
public final class GeneratedHome implements Home {
    private final TestBatches.Generator generator;
    private final long rows;
    private final int batchSize;
    private final int splits;
    private final long failAtRow;
    private final long actAtRow;
    private final Runnable action;
    private final AtomicBoolean acted = new AtomicBoolean();
    private final AtomicInteger openReaders = new AtomicInteger();
    private volatile boolean closed;

    private GeneratedHome(Builder builder) {
        this.generator = builder.generator;
        this.rows = builder.rows;
        this.batchSize = builder.batchSize;
        this.splits = builder.splits;
        this.failAtRow = builder.failAtRow;
        this.actAtRow = builder.actAtRow;
        this.action = builder.action;
    }

    public static Builder builder(TestBatches.Generator generator) {
        return new Builder(generator);
    }

    @Override
    public String describe() {
        return "generated(" + rows + " rows)";
    }

    @Override
    public List<Split> splits() {
        List<Split> result = new ArrayList<>();
        long per = Math.max(1, (rows + splits - 1) / splits);
        for (long start = 0; start < rows; start += per) {
            result.add(new RangeSplit(start, Math.min(rows, start + per)));
        }
        if (result.isEmpty()) {
            result.add(new RangeSplit(0, 0));
        }
        return result;
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        RangeSplit range = (RangeSplit) split;
        openReaders.incrementAndGet();
        long[] next = {range.start()};
        return Readers.filling(allocator, generator.schema(), root -> {
            if (next[0] >= range.end()) {
                return false;
            }
            int n = (int) Math.min(batchSize, range.end() - next[0]);
            if (failAtRow >= 0 && next[0] <= failAtRow && failAtRow < next[0] + n) {
                throw new HomeException("generated failure at row " + failAtRow + " of " + describe());
            }
            if (action != null && next[0] <= actAtRow && actAtRow < next[0] + n && acted.compareAndSet(false, true)) {
                action.run();
            }
            generator.fill(root, next[0], n);
            next[0] += n;
            return true;
        }, openReaders::decrementAndGet);
    }

    /** Readers opened and not yet closed. */
    public int openReaders() {
        return openReaders.get();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    public static final class Builder {
        private final TestBatches.Generator generator;
        private long rows = 1_000;
        private int batchSize = 1_000;
        private int splits = 1;
        private long failAtRow = -1;
        private long actAtRow = -1;
        private Runnable action;

        private Builder(TestBatches.Generator generator) {
            this.generator = generator;
        }

        public Builder rows(long rows) {
            this.rows = rows;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder splits(int splits) {
            this.splits = splits;
            return this;
        }

        /** Throw a {@link HomeException} when the batch holding this row is read. */
        public Builder failAtRow(long row) {
            this.failAtRow = row;
            return this;
        }

        /**
         * Run {@code action} once, when the batch holding this row is read (before it is filled): what
         * another writer does while the flow is under way.
         */
        public Builder atRow(long row, Runnable action) {
            this.actAtRow = row;
            this.action = action;
            return this;
        }

        public GeneratedHome build() {
            if (rows < 0 || batchSize < 1 || splits < 1) {
                throw new IllegalArgumentException("rows >= 0, batch size >= 1 and splits >= 1 required");
            }
            return new GeneratedHome(this);
        }
    }
}
