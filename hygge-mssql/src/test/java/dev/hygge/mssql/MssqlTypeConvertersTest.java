package dev.hygge.mssql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.ResultSetReader;
import dev.hygge.mssql.SqlServerShapedResults.Declared;
import dev.hygge.schema.SqlFieldMetadata;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQL Server's converter set: each SQL Server type to its Arrow type and declarations, and to its
 * exact Arrow value, read through hygge-jdbc's reader from real values (H2's, under the metadata
 * mssql-jdbc reports: {@link SqlServerShapedResults}).
 */
class MssqlTypeConvertersTest {
    private final BufferAllocator allocator = new RootAllocator();
    private Connection h2;

    @BeforeEach
    void open() throws Exception {
        h2 = DriverManager.getConnection("jdbc:h2:mem:types" + System.nanoTime() + ";MODE=MSSQLServer");
    }

    @AfterEach
    void close() throws Exception {
        h2.close();
        allocator.close();
    }

    /** The first row of {@code sql}, its columns declared as {@code declared}: the fields and each vector's value. */
    private List<Object> read(String sql, List<Declared> declared, List<Field> fields) throws Exception {
        Statement st = h2.createStatement();
        ResultSet rs = SqlServerShapedResults.over(st.executeQuery(sql), declared);
        try (ResultSetReader reader = ResultSetReader.builder(rs, allocator).types(MssqlTypeConverters.SET).closing(st).build()) {
            assertThat(reader.loadNextBatch()).isTrue();
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            fields.addAll(root.getSchema().getFields());
            List<Object> values = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
                values.add(v.isNull(0) ? null : v instanceof TimeStampVector t ? (Object) t.get(0)
                        : v instanceof UInt1Vector u ? (Object) u.getObjectNoOverflow(0) : v.getObject(0));
            }
            return values;
        }
    }

    private static long nanos(LocalDateTime wall) {
        return wall.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + wall.getNano();
    }

    @Test
    void everySqlServerTypeArrivesAsItsExactArrowValue() throws Exception {
        List<Field> fields = new ArrayList<>();
        List<Object> row = read("SELECT CAST('2024-03-31 01:30:00.1234567+05:30' AS TIMESTAMP(7) WITH TIME ZONE) dto,"
                        + " CAST('2024-03-31 01:30:00.1234567' AS TIMESTAMP(7)) d2, CAST('1999-12-31 23:59:59.997' AS TIMESTAMP(3)) dt,"
                        + " CAST('2000-01-01 10:15:00' AS TIMESTAMP(0)) sdt, CAST('23:59:59.9999999' AS TIME(7)) tm,"
                        + " CAST(922337203685477.5807 AS NUMERIC(19,4)) m, CAST(-214748.3648 AS NUMERIC(10,4)) sm,"
                        + " CAST('0E984725-C51C-4BF4-9960-E1C80E27ABA0' AS CHAR(36)) u, CAST(255 AS SMALLINT) ti,"
                        + " CAST('<a>1</a>' AS VARCHAR(100)) x, CAST('42' AS VARCHAR(10)) v, CAST(X'E610' AS VARBINARY(10)) g,"
                        + " CAST(X'00000000000007D1' AS BINARY(8)) rv",
                List.of(new Declared(microsoft.sql.Types.DATETIMEOFFSET, "datetimeoffset", 34, 7),
                        new Declared(Types.TIMESTAMP, "datetime2", 27, 7),
                        new Declared(Types.TIMESTAMP, "datetime", 23, 3),
                        new Declared(Types.TIMESTAMP, "smalldatetime", 16, 0),
                        new Declared(Types.TIME, "time", 16, 7),
                        new Declared(Types.DECIMAL, "money", 19, 4),
                        new Declared(Types.DECIMAL, "smallmoney", 10, 4),
                        new Declared(Types.CHAR, "uniqueidentifier", 36, 0),
                        new Declared(Types.TINYINT, "tinyint", 3, 0),
                        new Declared(Types.LONGNVARCHAR, "xml", 1_073_741_823, 0),
                        new Declared(microsoft.sql.Types.SQL_VARIANT, "sql_variant", 8000, 0),
                        new Declared(Types.VARBINARY, "geography", -1, 0),
                        new Declared(Types.BINARY, "timestamp", 8, 0)),
                fields);
        assertThat(fields).extracting(f -> f.getType().toString()).containsExactly("Timestamp(NANOSECOND, UTC)",
                "Timestamp(NANOSECOND, null)", "Timestamp(MILLISECOND, null)", "Timestamp(SECOND, null)", "Time(NANOSECOND, 64)",
                "Decimal(19, 4, 128)", "Decimal(10, 4, 128)", "FixedSizeBinary(16)", "Int(8, false)", "Utf8", "Utf8", "Binary",
                "Binary");
        LocalDateTime wall = LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_700);
        assertThat(row.get(0)).as("datetimeoffset: the instant, to the 100 ns")
                .isEqualTo(nanos(wall) - 5L * 3_600_000_000_000L - 30L * 60_000_000_000L);
        assertThat(row.get(1)).as("datetime2(7): the wall clock, to the 100 ns").isEqualTo(nanos(wall));
        assertThat(row.get(2)).isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 997_000_000).toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(row.get(3)).isEqualTo(LocalDateTime.of(2000, 1, 1, 10, 15).toEpochSecond(ZoneOffset.UTC));
        assertThat(row.get(4)).isEqualTo(LocalTime.of(23, 59, 59, 999_999_900).toNanoOfDay());
        assertThat(row.get(5)).isEqualTo(new BigDecimal("922337203685477.5807"));
        assertThat(row.get(6)).isEqualTo(new BigDecimal("-214748.3648"));
        assertThat((byte[]) row.get(7)).hasSize(16).startsWith(0x0e, 0x98, 0x47, 0x25).endsWith(0x0e, 0x27, 0xab, 0xa0);
        assertThat(row.get(8)).as("tinyint is unsigned").isEqualTo((short) 255);
        assertThat(row.get(9)).hasToString("<a>1</a>");
        assertThat(row.get(10)).hasToString("42");
        assertThat((byte[]) row.get(11)).containsExactly(0xE6, 0x10);
        assertThat((byte[]) row.get(12)).hasSize(8).endsWith(0x07, 0xD1);
        assertThat(fields.get(7).getMetadata()).containsEntry(MssqlTypes.EXTENSION_NAME, MssqlTypes.UUID_EXTENSION);
        assertThat(fields.get(5).getMetadata()).containsEntry(SqlFieldMetadata.PRECISION, "19").containsEntry(SqlFieldMetadata.SCALE, "4");
        assertThat(fields.get(9).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "max");
        assertThat(fields.get(12).getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "8");
    }

    @Test
    void nullsOfEverySqlServerTypeStayNull() throws Exception {
        List<Object> row = read("SELECT CAST(NULL AS TIMESTAMP(7) WITH TIME ZONE), CAST(NULL AS CHAR(36)), CAST(NULL AS SMALLINT),"
                        + " CAST(NULL AS NUMERIC(19,4)), CAST(NULL AS TIMESTAMP(3))",
                List.of(new Declared(microsoft.sql.Types.DATETIMEOFFSET, "datetimeoffset", 34, 7),
                        new Declared(Types.CHAR, "uniqueidentifier", 36, 0), new Declared(Types.TINYINT, "tinyint", 3, 0),
                        new Declared(Types.DECIMAL, "money", 19, 4), new Declared(Types.TIMESTAMP, "datetime", 23, 3)),
                new ArrayList<>());
        assertThat(row).containsOnlyNulls().hasSize(5);
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
            Field field = MssqlTypeConverters.SET.field(new JdbcColumn(1, "c", c.jdbc(), c.name(), c.precision(), c.scale(), true));
            assertThat(field.getType().toString()).as(c.name()).isEqualTo(c.arrow());
            assertThat(field.getMetadata()).as(c.name()).containsAllEntriesOf(c.metadata()).containsEntry("hygge.sql.type", c.name());
        }
    }
}
