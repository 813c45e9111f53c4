package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionLargeListWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class NarrowingReaderTest {
    private static final Schema LARGE = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(32, true)),
            Field.nullable("body", ArrowType.LargeUtf8.INSTANCE),
            Field.nullable("blob", ArrowType.LargeBinary.INSTANCE),
            new Field("tags", FieldType.nullable(ArrowType.LargeList.INSTANCE),
                    List.of(Field.nullable("item", ArrowType.LargeUtf8.INSTANCE)))));

    @Test
    void largeOffsetsBecomeRegularAndEveryValueStays() throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader reader = NarrowingReader.of(allocator, new BatchesReader(allocator, List.of(batch(allocator, 0, 5),
                    batch(allocator, 5, 3))), NarrowingReader.DEFAULT_MAX_BATCH_BYTES)) {
                Schema schema = reader.getVectorSchemaRoot().getSchema();
                assertThat(schema.findField("body").getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
                assertThat(schema.findField("blob").getType()).isEqualTo(ArrowType.Binary.INSTANCE);
                assertThat(schema.findField("tags").getType()).isEqualTo(ArrowType.List.INSTANCE);
                assertThat(schema.findField("tags").getChildren().get(0).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
                List<String> rows = new ArrayList<>();
                while (reader.loadNextBatch()) {
                    rows.addAll(rows(reader.getVectorSchemaRoot()));
                }
                assertThat(rows).containsExactlyElementsOf(expected(0, 8));
            }
        } // the allocator closes only when every buffer was released
    }

    @Test
    void aBatchOverTheByteBoundIsCutIntoSlicesThatEachFit() throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            long bound = 400;
            try (ArrowReader reader = NarrowingReader.of(allocator, new BatchesReader(allocator, List.of(batch(allocator, 0, 40))),
                    bound)) {
                List<String> rows = new ArrayList<>();
                int batches = 0;
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    assertThat(root.getRowCount()).isPositive();
                    assertThat(VectorBytes.of(root)).isLessThanOrEqualTo(bound);
                    rows.addAll(rows(root));
                    batches++;
                }
                assertThat(batches).isGreaterThan(4);
                assertThat(rows).containsExactlyElementsOf(expected(0, 40));
            }
        }
    }

    @Test
    void aRowLargerThanTheBoundStillGoesThroughAlone() throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader reader = NarrowingReader.of(allocator, new BatchesReader(allocator, List.of(batch(allocator, 0, 3))), 1)) {
                List<String> rows = new ArrayList<>();
                while (reader.loadNextBatch()) {
                    assertThat(reader.getVectorSchemaRoot().getRowCount()).isEqualTo(1);
                    rows.addAll(rows(reader.getVectorSchemaRoot()));
                }
                assertThat(rows).containsExactlyElementsOf(expected(0, 3));
            }
        }
    }

    @Test
    void aSchemaWithoutLargeTypesIsHandedOnAsItIs() throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
            Schema regular = new Schema(List.of(Field.nullable("s", ArrowType.Utf8.INSTANCE)));
            VectorSchemaRoot one = VectorSchemaRoot.create(regular, allocator);
            ((VarCharVector) one.getVector(0)).setSafe(0, "a".getBytes(StandardCharsets.UTF_8));
            one.setRowCount(1);
            BatchesReader source = new BatchesReader(allocator, List.of(one));
            try (ArrowReader reader = NarrowingReader.of(allocator, source, 10)) {
                assertThat(reader).isSameAs(source);
            }
        }
    }

    private static VectorSchemaRoot batch(BufferAllocator allocator, int first, int count) {
        VectorSchemaRoot root = VectorSchemaRoot.create(LARGE, allocator);
        IntVector id = (IntVector) root.getVector("id");
        LargeVarCharVector body = (LargeVarCharVector) root.getVector("body");
        LargeVarBinaryVector blob = (LargeVarBinaryVector) root.getVector("blob");
        LargeListVector tags = (LargeListVector) root.getVector("tags");
        UnionLargeListWriter writer = tags.getWriter();
        for (int r = 0; r < count; r++) {
            int i = first + r;
            id.setSafe(r, i);
            if (i % 4 == 3) {
                body.setNull(r);
            } else {
                body.setSafe(r, text(i).getBytes(StandardCharsets.UTF_8));
            }
            blob.setSafe(r, new byte[] {(byte) i, 1, 2});
            writer.setPosition(r);
            writer.startList();
            for (int t = 0; t < i % 3; t++) {
                byte[] tag = ("t" + i + "." + t).getBytes(StandardCharsets.UTF_8);
                try (org.apache.arrow.memory.ArrowBuf buf = allocator.buffer(tag.length)) {
                    buf.setBytes(0, tag);
                    writer.largeVarChar().writeLargeVarChar(0, tag.length, buf);
                }
            }
            writer.endList();
        }
        root.setRowCount(count);
        return root;
    }

    private static String text(int i) {
        return "row " + i + " " + "x".repeat(i * 3);
    }

    private static List<String> expected(int first, int end) {
        List<String> rows = new ArrayList<>();
        for (int i = first; i < end; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < i % 3; t++) {
                tags.add("t" + i + "." + t);
            }
            rows.add(i + "|" + (i % 4 == 3 ? "null" : text(i)) + "|" + i + "|" + tags);
        }
        return rows;
    }

    private static List<String> rows(VectorSchemaRoot root) {
        VarCharVector body = (VarCharVector) root.getVector("body");
        ListVector tags = (ListVector) root.getVector("tags");
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            byte[] blob = ((org.apache.arrow.vector.VarBinaryVector) root.getVector("blob")).get(r);
            rows.add(((IntVector) root.getVector("id")).get(r) + "|" + (body.isNull(r) ? "null" : body.getObject(r).toString())
                    + "|" + blob[0] + "|" + tags.getObject(r).stream().map(String::valueOf).toList());
        }
        return rows;
    }

    /** Hands on prepared batches, as an engine's stream would. */
    private static final class BatchesReader extends ArrowReader {
        private final List<VectorSchemaRoot> batches;
        private int next;

        BatchesReader(BufferAllocator allocator, List<VectorSchemaRoot> batches) {
            super(allocator);
            this.batches = batches;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (next >= batches.size()) {
                return false;
            }
            try (VectorSchemaRoot batch = batches.get(next++); ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
                new VectorLoader(getVectorSchemaRoot()).load(unloaded);
            }
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
            batches.subList(next, batches.size()).forEach(VectorSchemaRoot::close);
        }

        @Override
        protected Schema readSchema() {
            return batches.get(0).getSchema();
        }
    }
}
