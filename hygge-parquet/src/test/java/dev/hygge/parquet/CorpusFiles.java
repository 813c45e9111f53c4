package dev.hygge.parquet;

import java.lang.reflect.Field;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Stand-ins for files of the public parquet test corpus (apache/parquet-testing, {@code data/})
 * that DuckDB refuses and Arrow readers read, written here by parquet-java so the tests need no
 * download. Each names the corpus file it stands for; each was checked to fail in DuckDB with the
 * same error as the corpus file and to be read by Arrow Dataset as it is.
 */
final class CorpusFiles {
    /** Rows of {@link #numbers}: id, its name and a double. */
    static final MessageType NUMBERS = MessageTypeParser.parseMessageType("message numbers {"
            + " required int64 id; optional binary name (STRING); optional double value; }");
    /** Rows of {@link #byteStreamSplit}: the types BYTE_STREAM_SPLIT was extended to, and a float. */
    static final MessageType SPLIT = MessageTypeParser.parseMessageType("message split {"
            + " required int64 id; optional int32 small; optional int64 big;"
            + " optional fixed_len_byte_array(4) price (DECIMAL(9,2)); optional fixed_len_byte_array(2) half (FLOAT16);"
            + " optional double ratio; }");
    /** {@code map_no_value.parquet}'s schema, as its README gives it. */
    static final MessageType MAP_NO_VALUE = MessageTypeParser.parseMessageType("message schema {"
            + " required group my_map (MAP) { repeated group key_value { required int32 key; optional int32 value; } }"
            + " required group my_map_no_v (MAP) { repeated group key_value { required int32 key; } }"
            + " required group my_list (LIST) { repeated group list { required int32 element; } } }");

    private CorpusFiles() {}

    /**
     * {@code rows} rows of {@link #NUMBERS} ({@code name} and {@code value} NULL every 7th row) in
     * {@code codec}, in row groups of about 64 KB: with {@link CompressionCodecName#LZ4} (Hadoop's
     * framed LZ4, not LZ4_RAW), the stand-in of {@code hadoop_lz4_compressed.parquet} and
     * {@code hadoop_lz4_compressed_larger.parquet}.
     */
    static void numbers(Path file, int rows, CompressionCodecName codec) throws Exception {
        try (ParquetWriter<Group> writer = builder(file, NUMBERS).withCompressionCodec(codec)
                .withRowGroupSize(64L << 10).withPageRowCountLimit(1_000).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(NUMBERS);
            for (long i = 0; i < rows; i++) {
                Group group = groups.newGroup().append("id", i);
                if (i % 7 != 3) {
                    group.append("name", "name-" + i).append("value", i * 0.5);
                }
                writer.write(group);
            }
        }
    }

    /**
     * 200 rows of {@link #SPLIT} in GZIP, every column BYTE_STREAM_SPLIT when {@code split}, else
     * PLAIN: the stand-in of {@code byte_stream_split_extended.gzip.parquet} (INT32, INT64 and
     * FIXED_LEN_BYTE_ARRAY columns with that encoding).
     */
    static void byteStreamSplit(Path file, boolean split) throws Exception {
        ExampleParquetWriter.Builder builder = builder(file, SPLIT).withCompressionCodec(CompressionCodecName.GZIP)
                .withDictionaryEncoding(false);
        if (split) {
            // parquet-java 1.15's builder offers BYTE_STREAM_SPLIT for FLOAT/DOUBLE only; its properties
            // builder has the extended kind (INT32, INT64, FIXED_LEN_BYTE_ARRAY), which 1.18 exposes per column
            Field properties = ParquetWriter.Builder.class.getDeclaredField("encodingPropsBuilder");
            properties.setAccessible(true);
            ((ParquetProperties.Builder) properties.get(builder)).withByteStreamSplitEncoding(true)
                    .withExtendedByteStreamSplitEncoding(true);
        }
        try (ParquetWriter<Group> writer = builder.build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(SPLIT);
            for (int i = 0; i < 200; i++) {
                Group group = groups.newGroup().append("id", (long) i);
                if (i % 9 != 4) {
                    int cents = i * 1_001 - 50_000;
                    group.append("small", i * 37 - 3_000).append("big", i * 1_000_000_007L)
                            .append("price", Binary.fromConstantByteArray(new byte[] {
                                (byte) (cents >> 24), (byte) (cents >> 16), (byte) (cents >> 8), (byte) cents}))
                            .append("half", Binary.fromConstantByteArray(half(i * 0.25f - 20)))
                            .append("ratio", i / 8.0);
                }
                writer.write(group);
            }
        }
    }

    /**
     * {@code map_no_value.parquet}: 3 rows of a map with NULL values, a map whose key_value group
     * has no value field, and the same keys as a list: {@code [1, 2, 3]}, {@code [4, 5, 6]}, {@code [7, 8, 9]}.
     */
    static void mapNoValue(Path file) throws Exception {
        try (ParquetWriter<Group> writer = builder(file, MAP_NO_VALUE).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(MAP_NO_VALUE);
            for (int row = 0; row < 3; row++) {
                Group group = groups.newGroup();
                Group map = group.addGroup("my_map");
                Group noValue = group.addGroup("my_map_no_v");
                Group list = group.addGroup("my_list");
                for (int k = row * 3 + 1; k <= row * 3 + 3; k++) {
                    map.addGroup("key_value").append("key", k);
                    noValue.addGroup("key_value").append("key", k);
                    list.addGroup("list").append("element", k);
                }
                writer.write(group);
            }
        }
    }

    /** A file that starts and ends with the magic of parquet's encrypted footer mode, {@code PARE} (as {@code uniform_encryption.parquet.encrypted}). */
    static void encrypted(Path file) throws Exception {
        byte[] bytes = new byte[64];
        byte[] magic = "PARE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, 4);
        System.arraycopy(magic, 0, bytes, bytes.length - 4, 4);
        java.nio.file.Files.write(file, bytes);
    }

    /** IEEE 754 half precision, little endian, for normal values exactly representable (as {@link LegacyParquetTest} writes them). */
    private static byte[] half(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int h = value == 0 ? sign : sign | ((((bits >>> 23) & 0xff) - 127 + 15) << 10) | ((bits >>> 13) & 0x3ff);
        return new byte[] {(byte) h, (byte) (h >>> 8)};
    }

    private static ExampleParquetWriter.Builder builder(Path file, MessageType schema) {
        return ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri())).withType(schema)
                .withConf(new Configuration());
    }
}
