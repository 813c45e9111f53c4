package dev.hygge.jdbc.arrow;

import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import dev.hygge.testkit.RangeSplit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Batches of 10 rows (id, text) whose strings in batch {@code b} are {@code lengths[b]} characters long. */
public final class GrowingHome implements Home {
    public static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("text", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    public static final int ROWS_PER_BATCH = 10;

    private final int[] lengths;

    public GrowingHome(int... lengths) {
        this.lengths = lengths;
    }

    @Override
    public String describe() {
        return "growing strings";
    }

    @Override
    public List<Split> splits() {
        return List.of(new RangeSplit(0, lengths.length));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        return new ArrowReader(allocator) {
            private int batch;

            @Override
            public boolean loadNextBatch() throws java.io.IOException {
                if (batch >= lengths.length) {
                    return false;
                }
                VectorSchemaRoot root = getVectorSchemaRoot();
                root.allocateNew();
                BigIntVector id = (BigIntVector) root.getVector(0);
                VarCharVector text = (VarCharVector) root.getVector(1);
                for (int r = 0; r < ROWS_PER_BATCH; r++) {
                    id.setSafe(r, (long) batch * ROWS_PER_BATCH + r);
                    text.setSafe(r, ("é".repeat(lengths[batch] - r % 2) + (r % 2 == 0 ? "" : "x")).getBytes(StandardCharsets.UTF_8));
                }
                root.setRowCount(ROWS_PER_BATCH);
                batch++;
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
                return SCHEMA;
            }
        };
    }
}
