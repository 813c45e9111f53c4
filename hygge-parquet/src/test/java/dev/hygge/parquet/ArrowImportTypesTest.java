package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.Test;

/** Every type {@link ArrowImportTypes} names is the one DuckDB gives the column it imports from Arrow; the rest it leaves to DuckDB. */
class ArrowImportTypesTest {
    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    @Test
    void everyNamedTypeIsDuckDbsOwn() throws Exception {
        List<Field> fields = new ArrayList<>();
        for (int bits : new int[] {8, 16, 32, 64}) {
            fields.add(field("i" + bits, new ArrowType.Int(bits, true)));
            fields.add(field("u" + bits, new ArrowType.Int(bits, false)));
        }
        fields.add(field("bool", ArrowType.Bool.INSTANCE));
        fields.add(field("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
        fields.add(field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
        fields.add(field("dec4", new ArrowType.Decimal(4, 2, 128)));
        fields.add(field("dec18", new ArrowType.Decimal(18, 0, 128)));
        fields.add(field("dec38", new ArrowType.Decimal(38, 10, 128)));
        fields.add(field("str", ArrowType.Utf8.INSTANCE));
        fields.add(field("large_str", ArrowType.LargeUtf8.INSTANCE));
        fields.add(field("bin", ArrowType.Binary.INSTANCE));
        fields.add(field("large_bin", ArrowType.LargeBinary.INSTANCE));
        fields.add(field("day", new ArrowType.Date(DateUnit.DAY)));
        fields.add(field("tod", new ArrowType.Time(TimeUnit.MICROSECOND, 64)));
        for (TimeUnit unit : TimeUnit.values()) {
            fields.add(field("ts_" + unit, new ArrowType.Timestamp(unit, null)));
            fields.add(field("tz_" + unit, new ArrowType.Timestamp(unit, "UTC")));
        }
        fields.add(field("tz_zone", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Europe/Copenhagen")));
        fields.add(field("span", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)));
        Schema schema = new Schema(fields);
        try (DuckDb duckdb = DuckDb.open(1, "256MB"); BufferAllocator allocator = new RootAllocator()) {
            assertThat(ArrowImportTypes.of(schema)).hasValue(RelationCopy.arrowTypes(duckdb::connect, schema, allocator));
            // and as a DuckDB Home exports the flat types of the parquet type table
            Schema exported = exported(duckdb, allocator, "SELECT * EXCLUDE (list_col, struct_col, map_col, enum_col, uid, all_null)"
                    + " FROM (" + TYPES + ")");
            assertThat(ArrowImportTypes.of(exported)).hasValue(RelationCopy.arrowTypes(duckdb::connect, exported, allocator));
        }
    }

    @Test
    void anythingElseIsLeftToDuckDb() {
        List<Field> others = List.of(
                new Field("list", FieldType.nullable(ArrowType.List.INSTANCE), List.of(field("item", new ArrowType.Int(32, true)))),
                new Field("struct", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(field("a", new ArrowType.Int(32, true)))),
                new Field("enum", new FieldType(true, ArrowType.Utf8.INSTANCE, new DictionaryEncoding(0, false, new ArrowType.Int(8, true))),
                        null),
                new Field("uuid", new FieldType(true, new ArrowType.FixedSizeBinary(16), null, Map.of("ARROW:extension:name", "arrow.uuid")),
                        null),
                field("fixed", new ArrowType.FixedSizeBinary(4)), field("half", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
                field("date64", new ArrowType.Date(DateUnit.MILLISECOND)), field("time32", new ArrowType.Time(TimeUnit.SECOND, 32)),
                field("dec256", new ArrowType.Decimal(50, 2, 256)), field("null", ArrowType.Null.INSTANCE),
                field("year_month", new ArrowType.Interval(IntervalUnit.YEAR_MONTH)));
        for (Field other : others) {
            assertThat(ArrowImportTypes.of(new Schema(List.of(field("id", new ArrowType.Int(64, true)), other))))
                    .as(other.toString()).isEmpty();
        }
    }

    /** The flat columns of the parquet type table (hygge-duckdb's EnginePathTest.TYPES, as DuckDB makes them). */
    private static final String TYPES = "SELECT i AS id, (i % 128)::TINYINT AS i8, (i * 13)::USMALLINT AS u16, (i::HUGEINT * 1000)::HUGEINT AS i128,"
            + " (i / 3.0)::FLOAT AS f32, (i / 100)::DECIMAL(9,2) AS dec_int32, (i / 7)::DECIMAL(38,10) AS dec_fixed, 'row ' || i AS str,"
            + " ('x' || i)::BLOB AS bin, DATE '1970-01-01' + i::INTEGER AS day, make_time(1, 2, 3.5) AS tod,"
            + " make_timestamp(1600000000000000 + i) AS ts_us, epoch_ms(1600000000000 + i)::TIMESTAMP_MS AS ts_ms,"
            + " make_timestamp_ns(1600000000000000000 + i) AS ts_ns, make_timestamptz(1600000000000000 + i) AS ts_utc,"
            + " i % 3 = 0 AS flag, INTERVAL 1 DAY * i AS span, NULL::INTEGER AS all_null, [i] AS list_col, {'a': i} AS struct_col,"
            + " MAP {'k': i} AS map_col, 'red'::ENUM('red', 'green') AS enum_col, uuid() AS uid FROM range(10) t(i)";

    private static Schema exported(DuckDb duckdb, BufferAllocator allocator, String sql) throws Exception {
        try (DuckDBConnection connection = duckdb.connect(); PreparedStatement statement = connection.prepareStatement(sql);
             DuckDBResultSet result = (DuckDBResultSet) statement.executeQuery();
             ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, 16)) {
            return reader.getVectorSchemaRoot().getSchema();
        }
    }
}
