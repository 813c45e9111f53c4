package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class TransfersTest {
    private static final Schema SCHEMA = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));

    @Test
    void buffersChangeOwnerWithoutCopiesAndNothingLeaks() {
        try (BufferAllocator root = new RootAllocator(); BufferAllocator from = root.newChildAllocator("from", 0, Long.MAX_VALUE);
             BufferAllocator to = root.newChildAllocator("to", 0, Long.MAX_VALUE)) {
            VectorSchemaRoot source = VectorSchemaRoot.create(SCHEMA, from);
            BigIntVector ids = (BigIntVector) source.getVector(0);
            for (int i = 0; i < 10; i++) {
                ids.setSafe(i, i);
            }
            source.setRowCount(10);
            long held = from.getAllocatedMemory();

            VectorSchemaRoot taken = Transfers.takeOut(source, to);
            assertThat(source.getRowCount()).isZero();
            assertThat(from.getAllocatedMemory()).isZero();
            assertThat(to.getAllocatedMemory()).isEqualTo(held);
            assertThat(taken.getRowCount()).isEqualTo(10);

            try (VectorSchemaRoot tail = Transfers.slice(taken, 7, 3, to)) {
                assertThat(tail.getRowCount()).isEqualTo(3);
                assertThat(((BigIntVector) tail.getVector(0)).get(0)).isEqualTo(7L);
                assertThat(taken.getRowCount()).isEqualTo(10);
            }

            Transfers.moveInto(taken, source);
            assertThat(source.getRowCount()).isEqualTo(10);
            assertThat(((BigIntVector) source.getVector(0)).get(9)).isEqualTo(9L);
            source.close();
        }
    }
}
