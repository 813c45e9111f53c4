package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.testkit.CollectingStore;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files only parquet-java writes here: INT96 timestamps, FLOAT16, legacy (v1, PLAIN_DICTIONARY,
 * UTF8 converted type) encodings. hygge reads their values intact and its copy reads back in
 * DuckDB with equal checksums.
 */
class LegacyParquetTest {
    private static final int JULIAN_EPOCH_DAY = 2_440_588;

    @TempDir
    Path dir;

    @Test
    void int96Float16AndLegacyEncodingsComeThrough() throws Exception {
        Path file = dir.resolve("legacy.parquet");
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).named("id")
                .optional(PrimitiveTypeName.INT96).named("ts96")
                .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(2).as(LogicalTypeAnnotation.float16Type()).named("f16")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("word")
                .named("legacy");
        int rows = 3_000;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(schema).withConf(new Configuration()).withWriterVersion(WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (int i = 0; i < rows; i++) {
                Group group = groups.newGroup().append("id", (long) i);
                if (i % 10 != 3) {
                    group.add("ts96", new NanoTime(JULIAN_EPOCH_DAY + 19_000 + i % 400, (i * 1_000_003L % 86_400_000_000L) * 1000).toBinary());
                    group.add("f16", Binary.fromConstantByteArray(half(i % 2000 * 0.5f - 300)));
                    group.add("word", "word-" + (i % 50));
                }
                writer.write(group);
            }
        }

        CollectingStore store = new CollectingStore(1);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("legacy").from("parquet", Map.of("path", file.toString())).to(store).run();
        }
        assertThat(store.lastRequest().schema().findField("f16").getType().toString()).isEqualTo("FloatingPoint(SINGLE)");
        assertThat(store.lastRequest().schema().findField("ts96").getType().toString()).isEqualTo("Timestamp(MICROSECOND, null)");
        List<List<Object>> read = store.committed();
        assertThat(read).hasSize(rows);
        for (List<Object> row : read) {
            int i = (int) (long) (Long) row.get(0);
            if (i % 10 == 3) {
                assertThat(row.subList(1, 4)).containsOnlyNulls();
                continue;
            }
            LocalDateTime expected = LocalDateTime.of(2022, 1, 8, 0, 0).plusDays(i % 400)
                    .plusNanos((i * 1_000_003L % 86_400_000_000L) * 1000);
            assertThat(row.get(1)).as("ts96 of row %d", i).isEqualTo(expected);
            assertThat(row.get(2)).as("f16 of row %d", i).isEqualTo(i % 2000 * 0.5f - 300);
            assertThat(row.get(3)).isEqualTo("word-" + (i % 50));
        }

        Path copy = dir.resolve("copy");
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("legacy").from("parquet", Map.of("path", file.toString())).to("parquet", Map.of("path", copy.toString())).run();
        }
        assertThat(DuckDbCheck.checksums(copy + "/*.parquet")).isEqualTo(DuckDbCheck.checksums(file.toString()));
    }

    /** IEEE 754 half precision, little endian, for the normal values this test uses. */
    private static byte[] half(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int h = value == 0 ? sign : sign | ((((bits >>> 23) & 0xff) - 127 + 15) << 10) | ((bits >>> 13) & 0x3ff);
        return new byte[] {(byte) h, (byte) (h >>> 8)};
    }
}
