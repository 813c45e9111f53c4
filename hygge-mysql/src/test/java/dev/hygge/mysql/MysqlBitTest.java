package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlFieldMetadata;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * BIT(1), BIT(8) and BIT(64) on the real server: read as boolean, int64 and decimal(20,0) (a
 * BIT(64) with its top bit set is past int64), each BIT(n) declared, and written back by the
 * mysql Store as that BIT(n) with every bit kept, through LOAD DATA and through the INSERT path.
 */
@ExtendWith(MysqlServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MysqlBitTest {
    private static final String SELECT = "SELECT id, b1 + 0, b8 + 0, b64 + 0 FROM %s ORDER BY id";
    private String database;

    @BeforeAll
    void createTable() throws Exception {
        database = MysqlServer.freshDatabase("bits");
        MysqlFixture.execute(database, "CREATE TABLE source (id INT NOT NULL PRIMARY KEY, b1 BIT(1), b8 BIT(8), b64 BIT(64))",
                "INSERT INTO source VALUES (1, b'1', b'11111111', b'" + "1".repeat(64) + "'),"
                        + " (2, NULL, NULL, NULL), (3, b'0', b'0', b'1" + "0".repeat(63) + "'), (4, b'0', b'1', b'1'),"
                        + " (5, b'1', b'10000000', b'0" + "1".repeat(63) + "')");
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (database != null) {
            MysqlServer.drop(database);
        }
    }

    @Test
    void theHomeReadsEveryBitUnsignedAndDeclared() throws Exception {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            MysqlHome home = MysqlFixture.home(hygge, Map.of("connection", MysqlFixture.CONNECTION, "table", "source"));
            Schema schema;
            try (var reader = home.open(home.splits().get(0), hygge.context().allocator())) {
                schema = reader.getVectorSchemaRoot().getSchema();
            }
            assertThat(schema.findField("b1").getType()).isEqualTo(ArrowType.Bool.INSTANCE);
            assertThat(schema.findField("b8").getType()).isEqualTo(new ArrowType.Int(64, true));
            assertThat(schema.findField("b64").getType()).isEqualTo(new ArrowType.Decimal(20, 0, 128));
            assertThat(schema.findField("b8").getMetadata()).containsEntry(SqlFieldMetadata.TYPE, "BIT(8)");
            assertThat(schema.findField("b64").getMetadata()).containsEntry(SqlFieldMetadata.TYPE, "BIT(64)");
            List<List<String>> rows = MysqlFixture.read(home, hygge);
            assertThat(rows).extracting(r -> r.get(2) + " " + r.get(3)).containsExactly("255 18446744073709551615",
                    "null null", "0 9223372036854775808", "1 1", "128 9223372036854775807");
        }
    }

    @Test
    void everyBitGoesBackInThroughLoadData() throws Exception {
        copy("copy", Map.of());
    }

    /** Where the server forbids local files: the batched INSERT into a BIT table, as LOAD DATA into one. */
    @Test
    void everyBitGoesIntoAnExistingBitTableByEitherPath() throws Exception {
        for (Boolean local : new Boolean[] {true, false}) {
            String table = local ? "loaded" : "inserted";
            MysqlFixture.execute(database, "CREATE TABLE " + table + " LIKE source");
            try (Hygge hygge = MysqlFixture.runtime(database)) {
                MysqlHome home = MysqlFixture.home(hygge, Map.of("connection", MysqlFixture.CONNECTION, "table", "source"));
                try (Connection c = MysqlServer.connect(database);
                     ArrowReader reader = home.open(home.splits().get(0), hygge.context().allocator())) {
                    assertThat(new MysqlLoader(new MysqlDialect(), "test", 2, local).load(c, TableName.parse(database + "."
                            + table), List.of("id", "b1", "b8", "b64"), reader)).isEqualTo(5);
                }
            }
            assertThat(MysqlFixture.strings(database, String.format(SELECT, table))).as("local_infile %s", local)
                    .isEqualTo(MysqlFixture.strings(database, String.format(SELECT, "source")));
        }
    }

    private void copy(String table, Map<String, Object> more) throws Exception {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            hygge.flow(table).from("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "source"))
                    .to("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", table, "if_exists", "replace")).run();
        }
        assertThat(MysqlFixture.strings(database, String.format(SELECT, table)))
                .isEqualTo(MysqlFixture.strings(database, String.format(SELECT, "source")));
        assertThat(MysqlFixture.strings(database, "SELECT column_name, column_type FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = '" + table + "' AND column_name LIKE 'b%'"
                + " ORDER BY column_name")).extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactly("b1 tinyint(1)", "b64 bit(64)", "b8 bit(8)");
    }
}
