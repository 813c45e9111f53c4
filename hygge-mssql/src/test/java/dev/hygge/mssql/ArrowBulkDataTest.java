package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.StoreException;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import microsoft.sql.DateTimeOffset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowBulkDataTest {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void declaresEveryColumnOfTheAllTypesTable() {
        Schema schema = TestBatches.allTypes().schema();
        ArrowBulkData data = ArrowBulkData.over(schema, List.of());
        assertThat(data.getColumnOrdinals()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        List<String> declared = new ArrayList<>();
        for (int c = 1; c <= 18; c++) {
            declared.add(data.getColumnName(c) + ":" + data.getColumnType(c) + "(" + data.getPrecision(c) + "," + data.getScale(c) + ")");
        }
        int dto = microsoft.sql.Types.DATETIMEOFFSET;
        assertThat(declared).containsExactly(
                "id:" + Types.BIGINT + "(0,0)", "i8:" + Types.SMALLINT + "(0,0)", "i16:" + Types.SMALLINT + "(0,0)",
                "i32:" + Types.INTEGER + "(0,0)", "i64:" + Types.BIGINT + "(0,0)", "f32:" + Types.REAL + "(0,0)",
                "f64:" + Types.DOUBLE + "(0,0)", "dec18:" + Types.DECIMAL + "(18,2)", "dec38:" + Types.DECIMAL + "(38,10)",
                "str:" + Types.NVARCHAR + "(0,0)", "flag:" + Types.BIT + "(0,0)", "day:" + Types.DATE + "(0,0)",
                "tod:" + Types.TIME + "(16,6)", "ts_ms:" + dto + "(34,3)", "ts_us:" + dto + "(34,6)",
                "ts_utc:" + dto + "(34,6)", "bin:" + Types.VARBINARY + "(8000,0)", "nothing:" + Types.INTEGER + "(0,0)");
    }

    @Test
    void yieldsExactlyTheSourceValuesOfEveryTypeAcrossBatches() throws Exception {
        TestBatches.Generator gen = TestBatches.allTypes();
        List<VectorSchemaRoot> batches = List.of(
                TestBatches.generate(gen, allocator, 0, 50),
                TestBatches.generate(gen, allocator, 50, 0),
                TestBatches.generate(gen, allocator, 50, 37));
        try {
            ArrowBulkData data = ArrowBulkData.over(gen.schema(), batches);
            int rows = 0;
            for (VectorSchemaRoot batch : batches) {
                for (int r = 0; r < batch.getRowCount(); r++) {
                    assertThat(data.next()).isTrue();
                    Object[] values = data.getRowData();
                    for (int c = 0; c < values.length; c++) {
                        assertSameValue(batch.getVector(c), r, values[c]);
                    }
                    rows++;
                }
            }
            assertThat(data.next()).isFalse();
            assertThat(data.rowsRead()).isEqualTo(87);
            assertThat(rows).isEqualTo(87);
        } finally {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    /** What the bulk copy must be handed for one Arrow value, derived from Arrow's own getObject. */
    private static void assertSameValue(FieldVector vector, int row, Object actual) {
        Object expected = vector.getObject(row);
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        ArrowType type = vector.getField().getType();
        switch (type.getTypeID()) {
            case Int -> {
                ArrowType.Int i = (ArrowType.Int) type;
                long value = ((Number) expected).longValue();
                switch (i.getBitWidth()) {
                    case 8, 16 -> assertThat(actual).isEqualTo((short) value);
                    case 32 -> assertThat(actual).isEqualTo((int) value);
                    default -> assertThat(actual).isEqualTo(value);
                }
            }
            case Decimal -> {
                assertThat(actual).isInstanceOf(BigDecimal.class);
                assertThat((BigDecimal) actual).isEqualTo(expected); // equals: same unscaled value and scale
            }
            case Utf8 -> assertThat(actual).isEqualTo(((Text) expected).toString());
            case Date -> assertThat(actual).isEqualTo(LocalDate.ofEpochDay((Integer) expected));
            case Time -> assertThat(((Timestamp) actual).toLocalDateTime())
                    .isEqualTo(LocalDateTime.of(LocalDate.of(1900, 1, 1), LocalTime.ofNanoOfDay((Long) expected * 1000)));
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                DateTimeOffset dto = (DateTimeOffset) actual;
                assertThat(dto.getMinutesOffset()).isZero();
                Instant instant = ts.getTimezone() == null
                        ? ((LocalDateTime) expected).toInstant(ZoneOffset.UTC)
                        : Instant.EPOCH.plus(((Long) expected) * (ts.getUnit() == TimeUnit.MICROSECOND ? 1000 : 1), java.time.temporal.ChronoUnit.NANOS);
                assertThat(dto.getOffsetDateTime().toInstant()).isEqualTo(instant);
            }
            default -> assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void handlesUnsignedUuidNanosAndWideDecimalsExactly() throws Exception {
        Map<String, String> uuidMeta = Map.of(MssqlTypes.EXTENSION_NAME, MssqlTypes.UUID_EXTENSION);
        Schema schema = new Schema(List.of(
                new Field("u8", FieldType.nullable(new ArrowType.Int(8, false)), null),
                new Field("u64", FieldType.nullable(new ArrowType.Int(64, false)), null),
                new Field("id", new FieldType(true, new ArrowType.FixedSizeBinary(16), null, uuidMeta), null),
                new Field("ns", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)), null),
                new Field("neg", FieldType.nullable(new ArrowType.Decimal(18, 4, 128)), null),
                new Field("wide", FieldType.nullable(new ArrowType.Decimal(38, 0, 128)), null),
                new Field("text", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        String longText = "ø".repeat(5000) + "😀";
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            ((UInt1Vector) root.getVector("u8")).setSafe(0, 255);
            ((UInt8Vector) root.getVector("u64")).setSafe(0, -1L);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            ((FixedSizeBinaryVector) root.getVector("id")).setSafe(0, b.array());
            ((TimeStampNanoVector) root.getVector("ns")).setSafe(0, -100L); // SQL Server keeps 100 ns steps
            ((DecimalVector) root.getVector("neg")).setSafe(0, new BigDecimal("-99999999999999.9999"));
            ((DecimalVector) root.getVector("wide")).setSafe(0, new BigDecimal("99999999999999999999999999999999999999"));
            ((VarCharVector) root.getVector("text")).setSafe(0, longText.getBytes(StandardCharsets.UTF_8));
            root.getFieldVectors().forEach(v -> v.setNull(1));
            root.setRowCount(2);

            ArrowBulkData data = ArrowBulkData.over(schema, List.of(root));
            assertThat(data.getColumnType(1)).isEqualTo(Types.TINYINT);
            assertThat(data.getColumnType(2)).isEqualTo(Types.DECIMAL);
            assertThat(data.getPrecision(2)).isEqualTo(20);
            assertThat(data.getColumnType(3)).isEqualTo(Types.CHAR);
            assertThat(data.next()).isTrue();
            Object[] row = data.getRowData();
            assertThat(row[0]).isEqualTo((short) 255);
            assertThat(row[1]).isEqualTo(new BigDecimal("18446744073709551615"));
            assertThat(row[2]).isEqualTo(uuid.toString());
            assertThat(((DateTimeOffset) row[3]).getOffsetDateTime())
                    .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_900).atOffset(ZoneOffset.UTC));
            assertThat(row[4]).isEqualTo(new BigDecimal("-99999999999999.9999"));
            assertThat(row[5]).isEqualTo(new BigDecimal("99999999999999999999999999999999999999"));
            assertThat(row[6]).isEqualTo(longText);
            assertThat(data.next()).isTrue();
            assertThat(data.getRowData()).containsOnlyNulls();
            assertThat(data.next()).isFalse();
        }
    }

    @Test
    void pullsEveryBatchOfAReaderWithoutClosingIt() throws Exception {
        GeneratedHome home = GeneratedHome.builder(TestBatches.benchmark()).rows(10_000).batchSize(999).build();
        try (ArrowReader reader = home.open(home.splits().get(0), allocator)) {
            ArrowBulkData data = ArrowBulkData.over(reader);
            long rows = 0;
            long ids = 0;
            while (data.next()) {
                Object[] values = data.getRowData();
                ids += (Long) values[0];
                if (values[6] != null) {
                    assertThat(values[6]).isInstanceOf(DateTimeOffset.class);
                }
                rows++;
            }
            assertThat(rows).isEqualTo(10_000);
            assertThat(ids).isEqualTo(10_000L * 9_999 / 2);
            assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(TestBatches.benchmark().schema());
        }
    }

    @Test
    void rejectsDecimalsSqlServerCannotHold() {
        Schema schema = new Schema(List.of(new Field("big", FieldType.nullable(new ArrowType.Decimal(40, 2, 256)), null)));
        assertThatThrownBy(() -> ArrowBulkData.over(schema, List.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("'big'").hasMessageContaining("38 digits");
    }

    @Test
    void timeKeepsMicroseconds() throws Exception {
        Schema schema = new Schema(List.of(new Field("t", FieldType.nullable(new ArrowType.Time(TimeUnit.MICROSECOND, 64)), null)));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            ((org.apache.arrow.vector.TimeMicroVector) root.getVector(0)).setSafe(0, 86_399_999_999L);
            root.setRowCount(1);
            ArrowBulkData data = ArrowBulkData.over(schema, List.of(root));
            assertThat(data.next()).isTrue();
            Timestamp t = (Timestamp) data.getRowData()[0];
            assertThat(t.toLocalDateTime().toLocalTime()).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        }
    }

    @Test
    void keepsBigIntNotNullColumnsFastPath() throws Exception {
        Schema schema = new Schema(List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            ((BigIntVector) root.getVector(0)).setSafe(0, Long.MIN_VALUE);
            root.setRowCount(1);
            ArrowBulkData data = ArrowBulkData.over(schema, List.of(root));
            assertThat(data.next()).isTrue();
            assertThat(data.getRowData()).containsExactly(Long.MIN_VALUE);
        }
    }
}
