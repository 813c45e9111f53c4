package dev.hygge.postgres;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.copy.CopyOut;

/** The read path's decoding alone: a saved binary COPY file fed through CopyReader in 64 KB pieces (no server). */
public final class DecodeBench {
    private DecodeBench() {}

    public static void main(String[] args) throws Exception {
        List<PgType.Column> columns;
        try (Connection c = PostgresServer.connect()) {
            columns = PgType.columns(c, args[1]);
        }
        CopyDecoder[] decoders = new CopyDecoder[columns.size()];
        Field[] fields = new Field[decoders.length];
        for (int i = 0; i < decoders.length; i++) {
            decoders[i] = CopyDecoders.of(columns.get(i).type(), columns.get(i).name());
            fields[i] = new Field(columns.get(i).name(), decoders[i].type(true), List.of());
        }
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            long rows = 0;
            try (InputStream in = Files.newInputStream(Path.of(args[0])); BufferAllocator allocator = new RootAllocator();
                 CopyReader reader = new CopyReader(allocator, new Schema(List.of(fields)), decoders, file(in), 100_000, "bench", null, c -> { })) {
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
            }
            System.out.printf("decode pass %d: %.2f s %d rows%n", pass, (System.nanoTime() - start) / 1e9, rows);
        }
    }

    private static CopyOut file(InputStream in) {
        return new CopyOut() {
            private boolean active = true;

            @Override
            public byte[] readFromCopy() throws java.sql.SQLException {
                try {
                    byte[] chunk = in.readNBytes(65_536);
                    if (chunk.length == 0) {
                        active = false;
                        return null;
                    }
                    return chunk;
                } catch (java.io.IOException e) {
                    throw new java.sql.SQLException(e);
                }
            }

            @Override
            public byte[] readFromCopy(boolean block) throws java.sql.SQLException {
                return readFromCopy();
            }

            @Override
            public int getFieldCount() {
                return 0;
            }

            @Override
            public int getFormat() {
                return 1;
            }

            @Override
            public int getFieldFormat(int field) {
                return 1;
            }

            @Override
            public boolean isActive() {
                return active;
            }

            @Override
            public void cancelCopy() {
                active = false;
            }

            @Override
            public long getHandledRowCount() {
                return 0;
            }
        };
    }
}
