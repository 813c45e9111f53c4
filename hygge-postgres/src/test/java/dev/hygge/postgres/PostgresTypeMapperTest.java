package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlFieldMetadata;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** What only PostgreSQL has, on top of the standard mapping. */
class PostgresTypeMapperTest {
    private final PostgresTypeMapper mapper = new PostgresTypeMapper();

    private String map(Field field) {
        return mapper.map(ColumnProfile.unsampled(field), new InferenceOptions()).ddl();
    }

    @Test
    void listsAreArraysOfTheirElementAndNestedValuesJsonb() {
        Field longs = new Field("a", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("element", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        Field strings = new Field("s", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("element", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        Field nested = new Field("n", FieldType.nullable(ArrowType.List.INSTANCE), List.of(longs));
        Field struct = new Field("st", FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(new Field("x", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        assertThat(map(longs)).isEqualTo("BIGINT[]");
        assertThat(map(strings)).isEqualTo("TEXT[]");
        assertThat(map(nested)).isEqualTo("JSONB");
        assertThat(map(struct)).isEqualTo("JSONB");
    }

    @Test
    void uuidsAndDeclaredJsonKeepTheirType() {
        Field uuid = new Field("u", new FieldType(true, new ArrowType.FixedSizeBinary(16), null,
                Map.of("ARROW:extension:name", "arrow.uuid", "ARROW:extension:metadata", "")), null);
        Field json = new Field("j", new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(SqlFieldMetadata.TYPE, "jsonb")), null);
        assertThat(map(uuid)).isEqualTo("UUID");
        assertThat(map(json)).isEqualTo("JSONB");
        assertThat(map(new Field("b", FieldType.nullable(new ArrowType.FixedSizeBinary(16)), null))).isEqualTo("BYTEA");
    }

    @Test
    void overridesAcceptPostgresNames() {
        assertThat(mapper.parse("inet").ddl()).isEqualTo("inet");
        assertThat(mapper.parse("integer[]").ddl()).isEqualTo("integer[]");
        assertThat(mapper.parse("varchar(12)").length()).isEqualTo(12);
    }

    @Test
    void stagingNamesFitSixtyThreeBytes() {
        String name = PostgresDialect.fit("hygge_stage_0123abcd_0abcdefg1234_" + "ø".repeat(40));
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(name).endsWith("ø");
    }
}
