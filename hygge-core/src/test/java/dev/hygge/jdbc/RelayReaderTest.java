package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.testkit.TestBatches;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** The relay between the flow's thread and a loader that pulls on threads of its own. */
class RelayReaderTest {
    @Test
    void aBatchWhosePutIsInterruptedIsReleased() throws Exception {
        // the engine interrupts the writer when the reader fails; DuckDB's loader was behind, so the put waited
        try (BufferAllocator allocator = new RootAllocator()) {
            RelayReader relay = new RelayReader(allocator, TestBatches.benchmark().schema());
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(TestBatches.benchmark().schema(), allocator)) {
                for (int i = 0; i < 2; i++) { // the hand-off holds two batches
                    TestBatches.benchmark().fill(batch, i * 10L, 10);
                    assertThat(relay.put(batch, () -> false)).isTrue();
                }
                TestBatches.benchmark().fill(batch, 20, 10);
                Thread.currentThread().interrupt();
                assertThatThrownBy(() -> relay.put(batch, () -> false)).isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted();
                relay.close();
            }
            assertThat(allocator.getAllocatedMemory()).as("bytes still held once the relay and the batch are closed").isZero();
        }
    }
}
