package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlFieldMetadata;
import dev.hygge.schema.SqlType;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** The SQL Server TypeMapper table, both ways. */
class MssqlTypeMapperTest {
    private final MssqlTypeMapper mapper = new MssqlTypeMapper();
    private final InferenceOptions options = new InferenceOptions();

    private String map(ArrowType type) {
        return map(new Field("c", FieldType.nullable(type), null), 40);
    }

    private String map(Field field, long maxLength) {
        return mapper.map(new ColumnProfile(field, 10, 0, maxLength, null, null, 0, 0), options).ddl();
    }

    @Test
    void mapsEveryArrowTypeToTsql() {
        Map<ArrowType, String> expected = new LinkedHashMap<>();
        expected.put(ArrowType.Bool.INSTANCE, "BIT");
        expected.put(new ArrowType.Int(8, true), "SMALLINT");
        expected.put(new ArrowType.Int(8, false), "TINYINT");
        expected.put(new ArrowType.Int(16, true), "SMALLINT");
        expected.put(new ArrowType.Int(16, false), "INT");
        expected.put(new ArrowType.Int(32, true), "INT");
        expected.put(new ArrowType.Int(32, false), "BIGINT");
        expected.put(new ArrowType.Int(64, true), "BIGINT");
        expected.put(new ArrowType.Int(64, false), "DECIMAL(20,0)");
        expected.put(new ArrowType.FloatingPoint(FloatingPointPrecision.HALF), "REAL");
        expected.put(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), "REAL");
        expected.put(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), "FLOAT");
        expected.put(new ArrowType.Decimal(18, 2, 128), "DECIMAL(18,2)");
        expected.put(new ArrowType.Decimal(38, 10, 128), "DECIMAL(38,10)");
        expected.put(ArrowType.Utf8.INSTANCE, "NVARCHAR(60)");
        expected.put(ArrowType.LargeUtf8.INSTANCE, "NVARCHAR(60)");
        expected.put(ArrowType.Binary.INSTANCE, "VARBINARY(60)");
        expected.put(new ArrowType.FixedSizeBinary(16), "BINARY(16)");
        expected.put(new ArrowType.Date(DateUnit.DAY), "DATE");
        expected.put(new ArrowType.Date(DateUnit.MILLISECOND), "DATE");
        expected.put(new ArrowType.Time(TimeUnit.SECOND, 32), "TIME(0)");
        expected.put(new ArrowType.Time(TimeUnit.MILLISECOND, 32), "TIME(3)");
        expected.put(new ArrowType.Time(TimeUnit.MICROSECOND, 64), "TIME(6)");
        expected.put(new ArrowType.Time(TimeUnit.NANOSECOND, 64), "TIME(7)");
        expected.put(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null), "DATETIME2(3)");
        expected.put(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), "DATETIME2(6)");
        expected.put(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), "DATETIME2(7)");
        expected.put(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), "DATETIMEOFFSET(6)");
        expected.put(new ArrowType.Timestamp(TimeUnit.SECOND, "Europe/Copenhagen"), "DATETIMEOFFSET(0)");
        expected.put(new ArrowType.Duration(TimeUnit.MILLISECOND), "BIGINT");
        expected.put(ArrowType.Null.INSTANCE, "NVARCHAR(50)");
        expected.put(ArrowType.List.INSTANCE, "NVARCHAR(MAX)");
        expected.put(ArrowType.Struct.INSTANCE, "NVARCHAR(MAX)");
        expected.put(new ArrowType.Interval(IntervalUnit.DAY_TIME), "NVARCHAR(MAX)");
        expected.forEach((type, ddl) -> assertThat(map(type)).as(type.toString()).isEqualTo(ddl));
    }

    @Test
    void sizesStringsByTheSharedRuleAndPrefersDeclaredLengths() {
        Field text = new Field("s", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
        assertThat(map(text, -1)).isEqualTo("NVARCHAR(50)");
        assertThat(map(text, 10)).isEqualTo("NVARCHAR(50)");
        assertThat(map(text, 2666)).isEqualTo("NVARCHAR(3999)");
        assertThat(map(text, 2667)).isEqualTo("NVARCHAR(MAX)");
        Field declared = new Field("s", new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(SqlFieldMetadata.LENGTH, "320")), null);
        assertThat(map(declared, 10)).isEqualTo("NVARCHAR(320)");
        Field declaredMax = new Field("s", new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(SqlFieldMetadata.LENGTH, "max")), null);
        assertThat(map(declaredMax, 10)).isEqualTo("NVARCHAR(MAX)");
        Field declaredVarchar8000 = new Field("s", new FieldType(true, ArrowType.Utf8.INSTANCE, null, Map.of(SqlFieldMetadata.LENGTH, "8000")), null);
        assertThat(map(declaredVarchar8000, 10)).isEqualTo("NVARCHAR(MAX)");
        Field bytes = new Field("b", FieldType.nullable(ArrowType.Binary.INSTANCE), null);
        assertThat(map(bytes, 6000)).isEqualTo("VARBINARY(MAX)");
    }

    @Test
    void keepsUuidsMoneyAndDeclaredPrecision() {
        Field uuid = new Field("u", new FieldType(true, new ArrowType.FixedSizeBinary(16), null,
                Map.of("ARROW:extension:name", "arrow.uuid")), null);
        assertThat(map(uuid, 16)).isEqualTo("UNIQUEIDENTIFIER");
        Field money = MssqlTypeConverters.SET.field(new JdbcColumn(1, "m", Types.DECIMAL, "money", 19, 4, true));
        assertThat(map(money, -1)).isEqualTo("MONEY");
        Field numeric = MssqlTypeConverters.SET.field(new JdbcColumn(1, "n", Types.NUMERIC, "numeric", 12, 3, true));
        assertThat(map(numeric, -1)).isEqualTo("DECIMAL(12,3)");
    }

    @Test
    void refusesWhatSqlServerCannotHold() {
        assertThatThrownBy(() -> map(new ArrowType.Decimal(50, 2, 256))).isInstanceOf(StoreException.class)
                .hasMessageContaining("'c'").hasMessageContaining("schema_overrides");
    }

    @Test
    void parsesOverridesInSqlServerSpelling() {
        assertThat(mapper.parse("NVARCHAR(100)")).isEqualTo(SqlType.text("NVARCHAR(100)", 100));
        assertThat(mapper.parse("nvarchar(max)")).isEqualTo(SqlType.text("nvarchar(max)", SqlType.UNBOUNDED));
        assertThat(mapper.parse("VARBINARY(8000)").length()).isEqualTo(8000);
        assertThat(mapper.parse("DATETIME2(3)").family()).isEqualTo(SqlType.Family.TIMESTAMP);
        assertThat(mapper.parse("DATETIMEOFFSET").family()).isEqualTo(SqlType.Family.TIMESTAMP_TZ);
        assertThat(mapper.parse("UNIQUEIDENTIFIER").family()).isEqualTo(SqlType.Family.OTHER);
        assertThat(mapper.parse("MONEY").family()).isEqualTo(SqlType.Family.DECIMAL);
        assertThat(mapper.parse("BIT").family()).isEqualTo(SqlType.Family.BOOLEAN);
        assertThatThrownBy(() -> mapper.parse("NVARCHAR(5000)")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NVARCHAR(MAX)");
        assertThatThrownBy(() -> mapper.parse("TEXTY")).isInstanceOf(ConfigException.class).hasMessageContaining("NVARCHAR");
        assertThat(mapper.text(4000).ddl()).isEqualTo("NVARCHAR(4000)");
        assertThat(mapper.text(4001).ddl()).isEqualTo("NVARCHAR(MAX)");
        assertThat(mapper.binary(8001).ddl()).isEqualTo("VARBINARY(MAX)");
    }
}
