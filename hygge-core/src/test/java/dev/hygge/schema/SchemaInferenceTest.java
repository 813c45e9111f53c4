package dev.hygge.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.testkit.TestBatches;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
    private final BufferAllocator allocator = new RootAllocator();
    private final StandardTypeMapper mapper = new StandardTypeMapper();

    @AfterEach
    void close() {
        allocator.close();
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    private static Field field(String name, ArrowType type, Map<String, String> metadata) {
        return new Field(name, new FieldType(true, type, null, metadata), null);
    }

    /** A one-column batch of strings (null entries are nulls). */
    private VectorSchemaRoot strings(Field field, String... values) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(field)), allocator);
        VarCharVector vector = (VarCharVector) root.getVector(0);
        vector.allocateNew();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                vector.setNull(i);
            } else {
                vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(values.length);
        return root;
    }

    private InferredSchema infer(VectorSchemaRoot... batches) {
        return SchemaInference.builder(mapper).build().infer(batches[0].getSchema(), List.of(batches));
    }

    @Test
    void sizingRuleAtItsBoundaries() {
        InferenceOptions options = new InferenceOptions();
        assertThat(options.varcharLength(2_666)).hasValue(3_999);
        assertThat(options.varcharLength(2_667)).isEmpty();
        assertThat(options.varcharLength(0)).hasValue(50);
        assertThat(options.varcharLength(33)).hasValue(50);
        assertThat(options.varcharLength(34)).hasValue(51);
        assertThat(options.varcharLength(40)).hasValue(60);
    }

    @Test
    void longestStringDecidesTheLengthAtTheBoundary() {
        Field name = field("name", ArrowType.Utf8.INSTANCE);
        try (VectorSchemaRoot atLimit = strings(name, "x".repeat(2_666), "short", null);
             VectorSchemaRoot overLimit = strings(name, "x".repeat(2_667))) {
            assertThat(infer(atLimit).columns().get(0).type()).isEqualTo(SqlType.text("VARCHAR(3999)", 3_999));
            assertThat(infer(atLimit, overLimit).columns().get(0).type().ddl()).isEqualTo("TEXT");
        }
    }

    @Test
    void unicodeIsCountedInCharactersAndSurrogatePairsOnce() {
        Field text = field("text", ArrowType.Utf8.INSTANCE);
        // 40 emoji: 160 UTF-8 bytes, 80 UTF-16 units, 40 characters
        try (VectorSchemaRoot root = strings(text, "😀".repeat(40), "日本語テキスト")) {
            InferredSchema decided = infer(root);
            assertThat(decided.profile().column("text").maxLength()).isEqualTo(40);
            assertThat(decided.columns().get(0).type().ddl()).isEqualTo("VARCHAR(60)");
        }
        assertThat(SchemaProfiler.utf8Length("ærø 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo(5);
    }

    @Test
    void emptyStringsAndAllNullColumnsGetTheMinimum() {
        Field empty = field("empty", ArrowType.Utf8.INSTANCE);
        try (VectorSchemaRoot root = strings(empty, "", "", "")) {
            InferredSchema decided = infer(root);
            assertThat(decided.profile().column("empty").maxLength()).isZero();
            assertThat(decided.columns().get(0).type().ddl()).isEqualTo("VARCHAR(50)");
        }
        Field nulls = field("nulls", ArrowType.Utf8.INSTANCE);
        try (VectorSchemaRoot root = strings(nulls, null, null)) {
            InferredSchema decided = infer(root);
            assertThat(decided.profile().column("nulls").allNull()).isTrue();
            assertThat(decided.columns().get(0)).satisfies(c -> {
                assertThat(c.type().ddl()).isEqualTo("VARCHAR(50)");
                assertThat(c.nullable()).isTrue();
                assertThat(c.reason()).contains("null");
            });
        }
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(field("n", new ArrowType.Int(32, true)),
                field("nothing", ArrowType.Null.INSTANCE))), allocator)) {
            root.allocateNew();
            ((IntVector) root.getVector(0)).setNull(0);
            root.setRowCount(1);
            InferredSchema decided = infer(root);
            assertThat(decided.columns()).extracting(c -> c.type().ddl()).containsExactly("INTEGER", "VARCHAR(50)");
        }
    }

    @Test
    void integersKeepTheirWidthAndUint64GoesByItsRange() {
        Schema schema = new Schema(List.of(field("i8", new ArrowType.Int(8, true)), field("i16", new ArrowType.Int(16, true)),
                field("i32", new ArrowType.Int(32, true)), field("i64", new ArrowType.Int(64, true)),
                field("u8", new ArrowType.Int(8, false)), field("u32", new ArrowType.Int(32, false)),
                field("u64", new ArrowType.Int(64, false))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            ((BigIntVector) root.getVector("i64")).set(0, 1);
            ((UInt8Vector) root.getVector("u64")).set(0, 5);
            root.setRowCount(1);
            assertThat(infer(root).columns()).extracting(c -> c.type().ddl())
                    .containsExactly("SMALLINT", "SMALLINT", "INTEGER", "BIGINT", "SMALLINT", "BIGINT", "BIGINT");
            ((UInt8Vector) root.getVector("u64")).set(0, -1L); // 2^64 - 1
            assertThat(infer(root).column("u64").orElseThrow().type().ddl()).isEqualTo("NUMERIC(20,0)");
            assertThat(infer(root).profile().column("u64").maxInteger()).hasToString("18446744073709551615");
        }
    }

    @Test
    void decimalsTimestampsAndOtherTypesOfTheTestKit() {
        try (VectorSchemaRoot root = TestBatches.generate(TestBatches.allTypes(), allocator, 0, 100)) {
            InferredSchema decided = infer(root);
            assertThat(decided.column("id").orElseThrow()).satisfies(c -> {
                assertThat(c.type().ddl()).isEqualTo("BIGINT");
                assertThat(c.nullable()).isFalse();
            });
            assertThat(decided.column("dec18").orElseThrow().type().ddl()).isEqualTo("NUMERIC(18,2)");
            assertThat(decided.column("dec38").orElseThrow().type().ddl()).isEqualTo("NUMERIC(38,10)");
            assertThat(decided.column("ts_us").orElseThrow().type().ddl()).isEqualTo("TIMESTAMP");
            assertThat(decided.column("ts_utc").orElseThrow().type().ddl()).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(decided.column("day").orElseThrow().type().ddl()).isEqualTo("DATE");
            assertThat(decided.column("f64").orElseThrow().type().ddl()).isEqualTo("DOUBLE PRECISION");
            assertThat(decided.column("flag").orElseThrow().type().ddl()).isEqualTo("BOOLEAN");
            assertThat(decided.column("nothing").orElseThrow().type().ddl()).isEqualTo("INTEGER");
            assertThat(decided.profile().column("dec18").maxScale()).isEqualTo(2);
            assertThat(decided.describe()).contains("id BIGINT NOT NULL");
        }
    }

    @Test
    void declaredLengthsAndPrecisionFromMetadataWin() {
        Field declared = field("code", ArrowType.Utf8.INSTANCE, Map.of(SqlFieldMetadata.LENGTH, "10"));
        Field max = field("note", ArrowType.Utf8.INSTANCE, Map.of(SqlFieldMetadata.LENGTH, "max"));
        Schema schema = new Schema(List.of(declared, max,
                field("amount", new ArrowType.Decimal(38, 4, 128), Map.of(SqlFieldMetadata.PRECISION, "19",
                        SqlFieldMetadata.SCALE, "4"))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            ((VarCharVector) root.getVector(0)).setSafe(0, "x".repeat(500).getBytes(StandardCharsets.UTF_8));
            ((VarCharVector) root.getVector(1)).setSafe(0, "short".getBytes(StandardCharsets.UTF_8));
            root.setRowCount(1);
            InferredSchema decided = infer(root);
            assertThat(decided.columns()).extracting(c -> c.type().ddl()).containsExactly("VARCHAR(10)", "TEXT", "NUMERIC(19,4)");
            assertThat(decided.columns().get(0).reason()).contains("declared");
        }
    }

    @Test
    void overridesReplaceTheInferredType() {
        Field name = field("name", ArrowType.Utf8.INSTANCE);
        try (VectorSchemaRoot root = strings(name, "abc")) {
            InferredSchema decided = SchemaInference.builder(mapper).overrides(Map.of("name", "varchar(100) not null"))
                    .build().infer(root.getSchema(), List.of(root));
            SqlColumn column = decided.columns().get(0);
            assertThat(column.type()).isEqualTo(SqlType.text("varchar(100)", 100));
            assertThat(column.nullable()).isFalse();
            assertThat(column.reason()).isEqualTo("schema_overrides");

            assertThatThrownBy(() -> SchemaInference.builder(mapper).overrides(Map.of("nmae", "TEXT")).where("Store 't'")
                    .build().infer(root.getSchema(), List.of(root)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Store 't'").hasMessageContaining("'nmae'").hasMessageContaining("[name]");
            assertThatThrownBy(() -> SchemaInference.builder(mapper).overrides(Map.of("name", "STRINGY(5)"))
                    .build().infer(root.getSchema(), List.of(root)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("schema_overrides.name").hasMessageContaining("unknown type 'STRINGY'");
            assertThatThrownBy(() -> SchemaInference.builder(mapper).overrides(Map.of("name", "VARCHAR(10); DROP TABLE x"))
                    .build().infer(root.getSchema(), List.of(root)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("is not a type");
        }
    }

    @Test
    void sampleBatchesLimitsWhatIsProfiled() {
        Field name = field("name", ArrowType.Utf8.INSTANCE);
        try (VectorSchemaRoot first = strings(name, "abc");
             VectorSchemaRoot second = strings(name, "x".repeat(100))) {
            InferenceOptions options = new InferenceOptions();
            options.sampleBatches = 1;
            InferredSchema decided = SchemaInference.builder(mapper).options(options).build()
                    .infer(first.getSchema(), List.of(first, second));
            assertThat(decided.profile().rows()).isEqualTo(1);
            assertThat(decided.columns().get(0).type().ddl()).isEqualTo("VARCHAR(50)");
        }
    }

    @Test
    void noSampleStillDecides() {
        Schema schema = new Schema(List.of(field("s", ArrowType.Utf8.INSTANCE), field("d", new ArrowType.Date(DateUnit.DAY)),
                field("t", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Europe/Copenhagen"))));
        InferredSchema decided = SchemaInference.builder(mapper).build().infer(schema, List.of());
        assertThat(decided.columns()).extracting(c -> c.type().ddl())
                .containsExactly("VARCHAR(50)", "DATE", "TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void badOptionsAreConfigErrors() {
        InferenceOptions options = new InferenceOptions();
        options.bufferFactor = 0.5;
        assertThatThrownBy(() -> options.validate("Store 'x'")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("buffer_factor");
        InferenceOptions inverted = new InferenceOptions();
        inverted.maxVarchar = 10;
        assertThatThrownBy(() -> inverted.validate("Store 'x'")).hasMessageContaining("max_varchar");
    }

    @Test
    void familiesOfReportedTypeNames() {
        assertThat(SqlType.Family.of("character varying")).isEqualTo(SqlType.Family.TEXT);
        assertThat(SqlType.Family.of("NVARCHAR(MAX)")).isEqualTo(SqlType.Family.TEXT);
        assertThat(SqlType.Family.of("timestamp with time zone")).isEqualTo(SqlType.Family.TIMESTAMP_TZ);
        assertThat(SqlType.Family.of("datetime2")).isEqualTo(SqlType.Family.TIMESTAMP);
        assertThat(SqlType.Family.of("HUGEINT")).isEqualTo(SqlType.Family.INTEGER);
        assertThat(SqlType.Family.of("DECIMAL(18,2)")).isEqualTo(SqlType.Family.DECIMAL);
        assertThat(SqlType.Family.TEXT.accepts(SqlType.Family.INTEGER)).isTrue();
        assertThat(SqlType.Family.INTEGER.accepts(SqlType.Family.TEXT)).isFalse();
    }
}
