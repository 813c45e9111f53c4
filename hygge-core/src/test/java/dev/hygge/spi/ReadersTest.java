package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ReadersTest {
    private static final Schema IDS = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));

    @Test
    void rowsComeInBatchesOfTheRangeWithTheLastOneShort() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = Readers.rows(allocator, IDS, 10, 35, 10, (root, first, n) -> {
                 BigIntVector id = (BigIntVector) root.getVector(0);
                 id.allocateNew(n);
                 for (int i = 0; i < n; i++) {
                     id.set(i, first + i);
                 }
                 root.setRowCount(n);
             })) {
            while (reader.loadNextBatch()) {
                BigIntVector id = (BigIntVector) reader.getVectorSchemaRoot().getVector(0);
                sizes.add(reader.getVectorSchemaRoot().getRowCount());
                for (int i = 0; i < id.getValueCount(); i++) {
                    ids.add(id.get(i));
                }
            }
            assertThat(reader.loadNextBatch()).isFalse();
        }
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(ids).hasSize(25).startsWith(10L).endsWith(34L).doesNotHaveDuplicates();
    }

    @Test
    void anEmptyReaderHasTheSchemaAndNoRowsAndClosingRunsTheHookOnce() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader empty = Readers.empty(allocator, IDS)) {
                assertThat(empty.loadNextBatch()).isFalse();
                assertThat(empty.getVectorSchemaRoot().getSchema()).isEqualTo(IDS);
            }
            ArrowReader hooked = Readers.filling(allocator, IDS, root -> false, closed::incrementAndGet);
            hooked.close();
            assertThat(closed).hasValue(1);
        }
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> Readers.rows(allocator, IDS, 0, 10, 0, (root, first, n) -> {}))
                    .hasMessageContaining("batchSize must be at least 1");
        }
    }
}
