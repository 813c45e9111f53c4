package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.schema.SqlFieldMetadata;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every MySQL type the issue names, read by the mysql Home into Arrow and written by the mysql
 * Store into a table it creates by inference, on the real server: the Arrow types and declared
 * lengths, and every value equal on both sides (as the server spells them), NULLs included.
 */
@ExtendWith(MysqlServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MysqlRoundTripTest {
    private static final String COLUMNS = "id INT NOT NULL PRIMARY KEY, d DECIMAL(12,3), dt DATETIME(6), ts TIMESTAMP(6) NULL,"
            + " day DATE, t TIME(6), j JSON, b1 BIT(1), b10 BIT(10), u8 TINYINT UNSIGNED, u16 SMALLINT UNSIGNED,"
            + " u24 MEDIUMINT UNSIGNED, u32 INT UNSIGNED, u64 BIGINT UNSIGNED, e ENUM('small','medium'), s SET('a','b','c'),"
            + " name VARCHAR(50), note TEXT, bin VARBINARY(16), f FLOAT, x DOUBLE, flag BOOLEAN, big BIGINT, y YEAR";
    private String database;

    @BeforeAll
    void createTable() throws Exception {
        database = MysqlServer.freshDatabase("types");
        MysqlFixture.execute(database, "CREATE TABLE source (" + COLUMNS + ") CHARACTER SET utf8mb4",
                // written at +02:00: the instant is 10:00:00.5 UTC
                "SET time_zone = '+02:00'",
                "INSERT INTO source VALUES (1, -123456789.125, '2024-02-29 23:59:59.999999', '2024-06-01 12:00:00.500000',"
                        + " '1000-01-01', '23:59:59.000001', '{\"k\": [1, \"x\"]}', 1, 513, 255, 65535, 16777215, 4294967295,"
                        + " 18446744073709551615, 'medium', 'a,c', 'h\u00e9llo \uD83D\uDE00 tab\there\nline\\\\back', 'long text',"
                        + " x'00090a5c4e', 1.5, 2.000000000000001, TRUE, -9223372036854775808, 2024)",
                "INSERT INTO source (id) VALUES (2)",
                "INSERT INTO source VALUES (3, 0.001, '1970-01-01 00:00:00', '1970-01-02 00:00:00', '9999-12-31', '00:00:00',"
                        + " '[]', 0, 0, 0, 0, 0, 0, 9223372036854775808, 'small', '', '\\\\N', '', x'', -0.0, 1e300, FALSE,"
                        + " 9223372036854775807, 1901)");
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (database != null) {
            MysqlServer.drop(database);
        }
    }

    @Test
    void theHomeReadsEveryTypeWithItsDeclarations() throws Exception {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            MysqlHome home = MysqlFixture.home(hygge, Map.of("connection", MysqlFixture.CONNECTION, "table", "source"));
            Schema schema;
            try (var reader = home.open(home.splits().get(0), hygge.context().allocator())) {
                schema = reader.getVectorSchemaRoot().getSchema();
            }
            assertThat(type(schema, "d")).isEqualTo(new ArrowType.Decimal(12, 3, 128));
            assertThat(type(schema, "dt")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
            assertThat(type(schema, "ts")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
            assertThat(type(schema, "t")).isEqualTo(new ArrowType.Time(TimeUnit.MICROSECOND, 64));
            assertThat(type(schema, "u8")).isEqualTo(new ArrowType.Int(16, true));
            assertThat(type(schema, "u32")).isEqualTo(new ArrowType.Int(64, true));
            assertThat(type(schema, "u64")).isEqualTo(new ArrowType.Decimal(20, 0, 128));
            assertThat(type(schema, "b1")).isEqualTo(ArrowType.Bool.INSTANCE);
            assertThat(type(schema, "b10")).isEqualTo(new ArrowType.Int(64, true));
            assertThat(type(schema, "j")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(field(schema, "name").getMetadata()).containsEntry(SqlFieldMetadata.LENGTH, "50");
            assertThat(field(schema, "j").getMetadata()).containsEntry(SqlFieldMetadata.TYPE, "JSON");
            assertThat(field(schema, "u64").getMetadata()).containsEntry(SqlFieldMetadata.TYPE, "BIGINT UNSIGNED");

            List<List<String>> rows = MysqlFixture.read(home, hygge);
            List<String> first = rows.get(0);
            int ts = schema.getFields().indexOf(field(schema, "ts"));
            // a zoned timestamp vector's getObject is its count of microseconds since 1970-01-01T00:00Z
            assertThat(Long.parseLong(first.get(ts)))
                    .isEqualTo(java.time.Instant.parse("2024-06-01T10:00:00.500Z").toEpochMilli() * 1000);
            assertThat(first.get(schema.getFields().indexOf(field(schema, "u64")))).isEqualTo("18446744073709551615");
            assertThat(first.get(schema.getFields().indexOf(field(schema, "b10")))).isEqualTo("513");
            assertThat(rows.get(1).subList(1, first.size())).containsOnlyNulls();
        }
    }

    @Test
    void everyTypeGoesBackInAsItCameOut() throws Exception {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            hygge.flow("copy").from("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "source"))
                    .to("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "copy", "if_exists", "replace"))
                    .run();
        }
        String select = "SELECT id, d, dt, ts, day, t, j, b1 + 0, b10 + 0, u8, u16, u24, u32, u64, e, s, name, note,"
                + " HEX(bin), f, x, flag, big, y FROM %s ORDER BY id";
        List<List<String>> source = MysqlFixture.strings(database, String.format(select, "source"));
        List<List<String>> copy = MysqlFixture.strings(database, String.format(select, "copy"));
        assertThat(copy).isEqualTo(source);
        List<String> types = MysqlFixture.strings(database, "SELECT column_name, column_type FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = 'copy' AND column_name IN"
                + " ('d', 'dt', 'ts', 't', 'u64', 'u32', 'name') ORDER BY column_name").stream()
                // MariaDB and MySQL 5.7 show integer display widths, MySQL 8 does not
                .map(r -> r.get(0) + " " + r.get(1).replaceAll("int\\(\\d+\\)", "int")).toList();
        assertThat(types).containsExactly("d decimal(12,3)", "dt datetime(6)", "name varchar(50)", "t time(6)",
                "ts timestamp(6)", "u32 int unsigned", "u64 bigint unsigned");
    }

    private static Field field(Schema schema, String name) {
        return schema.findField(name);
    }

    private static ArrowType type(Schema schema, String name) {
        return field(schema, name).getType();
    }
}
