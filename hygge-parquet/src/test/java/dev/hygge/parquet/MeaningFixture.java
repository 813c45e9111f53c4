package dev.hygge.parquet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * A parquet file with what a copy must keep the meaning of, written by parquet-java as Spark or
 * Iceberg would: REQUIRED columns (top level and nested), FLOAT16, FIXED_LEN_BYTE_ARRAY without
 * a logical type, field ids at every level, and the file's key/value metadata as pyarrow, Spark
 * and pandas leave it.
 */
final class MeaningFixture {
    /** The file's key/value metadata: opaque text hygge must carry as it is. */
    static final Map<String, String> KEY_VALUES = keyValues();

    private MeaningFixture() {}

    static MessageType schema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.INT64).id(1).named("id")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).id(2).named("name")
                .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(2).as(LogicalTypeAnnotation.float16Type()).id(3).named("f16")
                .required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).id(4).named("digest")
                .requiredGroup().id(5)
                    .required(PrimitiveTypeName.INT32).id(6).named("x")
                    .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).id(7).named("label")
                    .named("point")
                .optionalGroup().as(LogicalTypeAnnotation.listType()).id(8)
                    .repeatedGroup().required(PrimitiveTypeName.INT32).id(9).named("element").named("list")
                    .named("tags")
                .named("spark_schema");
    }

    /** Writes {@code rows} rows to {@code file}: row i has id i, a name except every 7th, digest bytes from i. */
    static void write(Path file, int rows) throws Exception {
        MessageType schema = schema();
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(schema).withConf(new Configuration()).withExtraMetaData(KEY_VALUES)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (int i = 0; i < rows; i++) {
                Group group = groups.newGroup().append("id", (long) i);
                if (i % 7 != 3) {
                    group.append("name", "name-" + i);
                    group.add("f16", Binary.fromConstantByteArray(half(i % 100 * 0.25f - 10)));
                }
                byte[] digest = new byte[16];
                for (int b = 0; b < 16; b++) {
                    digest[b] = (byte) (i * 31 + b);
                }
                group.add("digest", Binary.fromConstantByteArray(digest));
                Group point = group.addGroup("point").append("x", i * 2);
                if (i % 5 != 0) {
                    point.append("label", "p" + i);
                }
                if (i % 4 != 1) {
                    Group tags = group.addGroup("tags");
                    for (int t = 0; t < i % 3; t++) {
                        tags.addGroup("list").append("element", i + t);
                    }
                }
                writer.write(group);
            }
        }
    }

    private static Map<String, String> keyValues() {
        Map<String, String> kv = new LinkedHashMap<>();
        // as pyarrow leaves it: the Arrow schema, base64 of its IPC message (opaque to hygge)
        kv.put("ARROW:schema", "/////+gBAAAQAAAAAAAKAA4ABgAFAAgACgAAAAABBAAQAAAAAAAKAAwAAAAEAAgACgAAAAQAAAAC");
        kv.put("org.apache.spark.version", "3.5.1");
        kv.put("org.apache.spark.sql.parquet.row.metadata", "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\","
                + "\"type\":\"long\",\"nullable\":false,\"metadata\":{}},{\"name\":\"name\",\"type\":\"string\","
                + "\"nullable\":true,\"metadata\":{\"comment\":\"it's a name\"}}]}");
        kv.put("pandas", "{\"index_columns\": [], \"column_indexes\": [], \"columns\": [{\"name\": \"id\", "
                + "\"pandas_type\": \"int64\", \"numpy_type\": \"int64\", \"metadata\": null}], \"pandas_version\": \"2.2.2\"}");
        return kv;
    }

    /** IEEE 754 half precision, little endian, for the normal values (and zero) this fixture uses. */
    static byte[] half(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int h = value == 0 ? sign : sign | ((((bits >>> 23) & 0xff) - 127 + 15) << 10) | ((bits >>> 13) & 0x3ff);
        return new byte[] {(byte) h, (byte) (h >>> 8)};
    }
}
