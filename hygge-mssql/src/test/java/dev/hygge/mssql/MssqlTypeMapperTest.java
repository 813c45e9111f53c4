package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Field money = MssqlTypes.arrowField("m", Types.DECIMAL, "money", 19, 4, true);
        assertThat(map(money, -1)).isEqualTo("MONEY");
        Field numeric = MssqlTypes.arrowField("n", Types.NUMERIC, "numeric", 12, 3, true);
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

    @Test
    void readsSqlServerColumnsAsArrowWithDeclaredSizes() {
        record Case(int jdbc, String name, int precision, int scale, String arrow, Map<String, String> metadata) {}
        List<Case> cases = List.of(
                new Case(Types.BIT, "bit", 1, 0, "Bool", Map.of()),
                new Case(Types.TINYINT, "tinyint", 3, 0, "Int(8, false)", Map.of()),
                new Case(Types.SMALLINT, "smallint", 5, 0, "Int(16, true)", Map.of()),
                new Case(Types.INTEGER, "int", 10, 0, "Int(32, true)", Map.of()),
                new Case(Types.BIGINT, "bigint", 19, 0, "Int(64, true)", Map.of()),
                new Case(Types.DECIMAL, "decimal", 18, 2, "Decimal(18, 2, 128)", Map.of("hygge.sql.precision", "18", "hygge.sql.scale", "2")),
                new Case(Types.NUMERIC, "numeric", 38, 0, "Decimal(38, 0, 128)", Map.of("hygge.sql.precision", "38")),
                new Case(Types.DECIMAL, "money", 19, 4, "Decimal(19, 4, 128)", Map.of("hygge.sql.scale", "4")),
                new Case(Types.DECIMAL, "smallmoney", 10, 4, "Decimal(10, 4, 128)", Map.of()),
                new Case(Types.REAL, "real", 24, 0, "FloatingPoint(SINGLE)", Map.of()),
                new Case(Types.DOUBLE, "float", 53, 0, "FloatingPoint(DOUBLE)", Map.of()),
                new Case(Types.DATE, "date", 10, 0, "Date(DAY)", Map.of()),
                new Case(Types.TIME, "time", 16, 7, "Time(NANOSECOND, 64)", Map.of()),
                new Case(Types.TIME, "time", 12, 3, "Time(MILLISECOND, 32)", Map.of()),
                new Case(Types.TIMESTAMP, "datetime", 23, 3, "Timestamp(MILLISECOND, null)", Map.of()),
                new Case(Types.TIMESTAMP, "smalldatetime", 16, 0, "Timestamp(SECOND, null)", Map.of()),
                new Case(Types.TIMESTAMP, "datetime2", 27, 6, "Timestamp(MICROSECOND, null)", Map.of()),
                new Case(Types.TIMESTAMP, "datetime2", 27, 7, "Timestamp(NANOSECOND, null)", Map.of()),
                new Case(microsoft.sql.Types.DATETIMEOFFSET, "datetimeoffset", 34, 7, "Timestamp(NANOSECOND, UTC)", Map.of()),
                new Case(Types.NVARCHAR, "nvarchar", 320, 0, "Utf8", Map.of("hygge.sql.length", "320", "hygge.sql.type", "nvarchar")),
                new Case(Types.NVARCHAR, "nvarchar", Integer.MAX_VALUE, 0, "Utf8", Map.of("hygge.sql.length", "max")),
                new Case(Types.CHAR, "char", 2, 0, "Utf8", Map.of("hygge.sql.length", "2")),
                new Case(Types.VARCHAR, "varchar", 8000, 0, "Utf8", Map.of("hygge.sql.length", "8000")),
                new Case(Types.LONGNVARCHAR, "xml", Integer.MAX_VALUE, 0, "Utf8", Map.of("hygge.sql.length", "max")),
                new Case(Types.BINARY, "binary", 16, 0, "Binary", Map.of("hygge.sql.length", "16")),
                new Case(Types.VARBINARY, "varbinary", Integer.MAX_VALUE, 0, "Binary", Map.of("hygge.sql.length", "max")),
                new Case(Types.CHAR, "uniqueidentifier", 36, 0, "FixedSizeBinary(16)", Map.of("ARROW:extension:name", "arrow.uuid")),
                new Case(Types.VARBINARY, "geography", -1, 0, "Binary", Map.of("hygge.sql.type", "geography")),
                new Case(Types.BINARY, "timestamp", 8, 0, "Binary", Map.of("hygge.sql.length", "8")),
                new Case(microsoft.sql.Types.SQL_VARIANT, "sql_variant", 8000, 0, "Utf8", Map.of("hygge.sql.length", "max")));
        for (Case c : cases) {
            Field field = MssqlTypes.arrowField("c", c.jdbc(), c.name(), c.precision(), c.scale(), true);
            assertThat(field.getType().toString()).as(c.name()).isEqualTo(c.arrow());
            assertThat(field.getMetadata()).as(c.name()).containsAllEntriesOf(c.metadata()).containsEntry("hygge.sql.type", c.name());
        }
    }
}
