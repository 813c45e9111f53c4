package dev.hygge.jdbc.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.schema.SqlFieldMetadata;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standard JDBC types through Arrow's adapter and hygge's consumers, over real H2 values: each
 * column's Arrow type and the exact value that arrives, including what Arrow's own consumers get
 * wrong (nanoseconds, dates before 1582, wall-clock timestamps in a JVM east of UTC).
 */
class StandardTypesTest {
    private final BufferAllocator allocator = new RootAllocator();
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:standard" + System.nanoTime());
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        allocator.close();
    }

    /** One row of {@code sql} read through the reader: the fields and the vectors' values. */
    private List<Object> readOne(String sql, TypeConverters types, List<Field> fields) throws Exception {
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql);
        try (ResultSetReader reader = ResultSetReader.builder(rs, allocator).batchRows(10).types(types).closing(st).build()) {
            assertThat(reader.loadNextBatch()).isTrue();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            fields.addAll(root.getSchema().getFields());
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                values.add(vector.isNull(0) ? null : vector instanceof DateDayVector d ? (Object) d.get(0)
                        : vector instanceof TimeStampVector t ? (Object) t.get(0)
                        : vector instanceof org.apache.arrow.vector.UInt1Vector u ? (Object) u.getObjectNoOverflow(0) : vector.getObject(0));
            }
            assertThat(reader.loadNextBatch()).isFalse();
            return values;
        }
    }

    @Test
    void everyStandardTypeArrivesAsItsArrowTypeAndExactValue() throws Exception {
        List<Field> fields = new ArrayList<>();
        List<Object> row = readOne("SELECT CAST(TRUE AS BOOLEAN) b, CAST(-7 AS TINYINT) ti, CAST(-300 AS SMALLINT) si,"
                + " CAST(70000 AS INTEGER) i, CAST(9007199254740993 AS BIGINT) bi, CAST(12345.678 AS NUMERIC(10,3)) n,"
                + " CAST(1.5 AS REAL) r, CAST(0.1 AS FLOAT) f, CAST('née' AS VARCHAR(12)) v, CAST(X'0102' AS VARBINARY(4)) vb,"
                + " CAST('long' AS CLOB) c, CAST(NULL AS INTEGER) nul", TypeConverters.standard(), fields);
        assertThat(fields).extracting(f -> f.getType().toString()).containsExactly("Bool", "Int(8, true)", "Int(16, true)",
                "Int(32, true)", "Int(64, true)", "Decimal(10, 3, 128)", "FloatingPoint(SINGLE)", "FloatingPoint(DOUBLE)",
                "Utf8", "Binary", "Utf8", "Int(32, true)");
        assertThat(row.subList(0, 6)).containsExactly(true, (byte) -7, (short) -300, 70_000, 9_007_199_254_740_993L,
                new BigDecimal("12345.678"));
        assertThat(row.get(6)).isEqualTo(1.5f);
        assertThat(row.get(7)).as("JDBC FLOAT is double precision (Arrow's own mapping makes it single)").isEqualTo(0.1d);
        assertThat(row.get(8)).hasToString("née");
        assertThat((byte[]) row.get(9)).containsExactly(1, 2);
        assertThat(row.get(10)).hasToString("long");
        assertThat(row.get(11)).isNull();
        assertThat(fields.get(8).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "12");
        assertThat(fields.get(9).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "4");
        assertThat(fields.get(10).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "max");
        assertThat(fields.get(5).getMetadata()).containsEntry(SqlFieldMetadata.PRECISION, "10").containsEntry(SqlFieldMetadata.SCALE, "3");
    }

    @Test
    void temporalValuesKeepEveryDigitAndNoZoneMovesThem() throws Exception {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: a zone shift shows as the day before
        try {
            List<Field> fields = new ArrayList<>();
            List<Object> row = readOne("SELECT DATE '2024-03-31' d, DATE '1000-01-01' old, CAST('23:59:58.123456789' AS TIME(9)) t,"
                    + " CAST('2024-03-31 01:30:00.1234567' AS TIMESTAMP(9)) ts, CAST('1970-01-01 00:00:00.5' AS TIMESTAMP(3)) ms,"
                    + " CAST('2024-03-31 01:30:00.1234567+02:00' AS TIMESTAMP(9) WITH TIME ZONE) tz", TypeConverters.standard(), fields);
            assertThat(fields).extracting(f -> f.getType().toString()).containsExactly("Date(DAY)", "Date(DAY)",
                    "Time(NANOSECOND, 64)", "Timestamp(NANOSECOND, null)", "Timestamp(MILLISECOND, null)",
                    "Timestamp(NANOSECOND, UTC)");
            assertThat(row.get(0)).isEqualTo((int) LocalDate.of(2024, 3, 31).toEpochDay());
            assertThat(row.get(1)).as("proleptic Gregorian, not Julian").isEqualTo((int) LocalDate.of(1000, 1, 1).toEpochDay());
            assertThat(row.get(2)).isEqualTo(LocalTime.of(23, 59, 58, 123_456_789).toNanoOfDay());
            LocalDateTime wall = LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_700);
            assertThat(row.get(3)).isEqualTo(wall.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + 123_456_700);
            assertThat(row.get(4)).isEqualTo(500L);
            assertThat(row.get(5)).isEqualTo((wall.toEpochSecond(ZoneOffset.UTC) - 7_200) * 1_000_000_000L + 123_456_700);
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void aTypeNoRuleKnowsArrivesAsItsText() throws Exception {
        List<Field> fields = new ArrayList<>();
        List<Object> row = readOne("SELECT JSON '{\"a\":1}' j, INTERVAL '3' DAY iv", TypeConverters.standard(), fields);
        assertThat(fields).extracting(f -> f.getType()).containsOnly(ArrowType.Utf8.INSTANCE);
        assertThat(fields.get(0).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "max");
        assertThat(row.get(0)).hasToString("{\"a\":1}");
        assertThat(row.get(1)).hasToString("INTERVAL '3' DAY");
    }

    @Test
    void aDatabasesOwnRulesComeFirstAndReadWhatTheStandardOnesWouldNot() throws Exception {
        TypeConverters types = TypeConverters.standard().with(
                TypeRule.named("UUID").as(new ArrowType.FixedSizeBinary(16)).declaring(UuidConsumer.FIELD_METADATA)
                        .readBy((v, c) -> new UuidConsumer((org.apache.arrow.vector.FixedSizeBinaryVector) v, c)),
                TypeRule.named("SMALLINT").as(new ArrowType.Int(8, false))
                        .readBy((v, c) -> new UnsignedTinyIntConsumer((org.apache.arrow.vector.UInt1Vector) v, c)));
        List<Field> fields = new ArrayList<>();
        List<Object> row = readOne("SELECT CAST('0e984725-c51c-4bf4-9960-e1c80e27aba0' AS UUID) u, CAST(200 AS SMALLINT) b",
                types, fields);
        assertThat(fields.get(0).getType()).isEqualTo(new ArrowType.FixedSizeBinary(16));
        assertThat(fields.get(0).getMetadata()).containsEntry("ARROW:extension:name", "arrow.uuid");
        assertThat((byte[]) row.get(0)).startsWith(0x0e, 0x98, 0x47, 0x25).endsWith(0x0e, 0x27, 0xab, 0xa0);
        assertThat(row.get(1)).as("unsigned: 200, not -56").isEqualTo((short) 200);

        assertThatThrownBy(() -> readOne("SELECT CAST(300 AS SMALLINT) b", types, new ArrayList<>()))
                .hasMessageContaining("300 is not an unsigned byte");
    }

    @Test
    void aRuleWithoutAConsumerForATypeArrowReadsWrongIsRefusedByName() {
        TypeConverters types = TypeConverters.standard().with(TypeRule.named("DATE").as(StandardTypes.time(
                org.apache.arrow.vector.types.TimeUnit.NANOSECOND)));
        assertThatThrownBy(() -> readOne("SELECT DATE '2024-01-01' d", types, new ArrayList<>()))
                .hasMessageContaining("TypeRule[DATE]").hasMessageContaining("gives no consumer")
                .hasMessageContaining("readBy");
    }

    @Test
    void declaredLengthsAboveTheDatabasesLongestAreUnbounded() {
        TypeConverters types = TypeConverters.standard().lengthsUpTo(8000);
        assertThat(types.field(new JdbcColumn(1, "a", Types.NVARCHAR, "nvarchar", 8000, 0, true)).getMetadata())
                .containsEntry(SqlFieldMetadata.LENGTH, "8000");
        assertThat(types.field(new JdbcColumn(1, "a", Types.NVARCHAR, "nvarchar", 1_073_741_823, 0, true)).getMetadata())
                .containsEntry(SqlFieldMetadata.LENGTH, "max");
        assertThat(TypeConverters.standard().field(new JdbcColumn(1, "", Types.VARCHAR, "", 0, 0, false)))
                .satisfies(f -> assertThat(f.getName()).isEqualTo("column1"))
                .satisfies(f -> assertThat(f.getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "max"))
                .satisfies(f -> assertThat(f.isNullable()).isFalse());
        assertThat(StandardTypes.decimal(new JdbcColumn(1, "n", Types.NUMERIC, "numeric", 0, 4, true)))
                .isEqualTo(new ArrowType.Decimal(38, 4, 128));
        assertThat(StandardTypes.decimal(new JdbcColumn(1, "n", Types.NUMERIC, "numeric", 50, 2, true)))
                .isEqualTo(new ArrowType.Decimal(50, 2, 256));
    }
}
