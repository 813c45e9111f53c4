package dev.hygge.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.testkit.CollectingStore;
import dev.hygge.testkit.GeneratedHome;
import dev.hygge.testkit.TestBatches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type of the test kit's all-types table through a SQLite file and back: the declared types
 * the Store writes (readable, and the affinity that stores each value whole), and the values the
 * Home reads back, equal to the source's at the source's Arrow types (a float stays a float, an
 * int32 an int32, a decimal(38,10) exact although SQLite has no decimal type).
 */
class SqliteRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyTestKitTypeSurvivesSqliteBothWays() throws Exception {
        Path file = dir.resolve("w.db");
        int rows = 5_000;
        try (Hygge hygge = Sqlite.runtime()) {
            hygge.flow("all").from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(700).build())
                    .to("sqlite", Map.of("path", file.toString(), "table", "all_types")).run();
        }
        assertThat(SqliteReadBack.query(file, "SELECT type FROM pragma_table_info('all_types') ORDER BY cid"))
                .extracting(r -> r.get(0)).containsExactly("BIGINT", "TINYINT", "SMALLINT", "INT4", "BIGINT", "FLOAT4",
                        "DOUBLE", "DECIMAL_TEXT(18,2)", "DECIMAL_TEXT(38,10)", "TEXT", "BOOLEAN", "DATE", "TIME(6)", "TIMESTAMP(3)",
                        "TIMESTAMP(6)", "TIMESTAMPTZ(6)", "BLOB", "INT4");
        assertThat(SqliteReadBack.query(file, "SELECT \"notnull\" FROM pragma_table_info('all_types') WHERE name = 'id'")
                .get(0).get(0)).isEqualTo(1);
        // what a reader of the file sees: ISO text for the temporal columns, exact text for the wide decimal
        assertThat(SqliteReadBack.query(file, "SELECT typeof(day), typeof(ts_us), typeof(dec38), typeof(dec18), typeof(flag)"
                + " FROM all_types WHERE id = 1").get(0)).containsExactly("text", "text", "text", "text", "integer");

        CollectingStore back = new CollectingStore(1);
        try (Hygge hygge = Sqlite.runtime()) {
            hygge.flow("back").from("sqlite", Map.of("path", file.toString(), "query", "SELECT * FROM all_types ORDER BY id",
                    "batch_size", 1_000)).to(back).run();
        }
        assertSameRows(back, rows);
    }

    /**
     * A table read (not a query) with a decimal of up to 15 digits, which SQLite keeps in a NUMERIC
     * column as a number (REAL or INTEGER): read back exact at its scale all the same.
     */
    @Test
    void aTableReadKeepsTheArrowTypesAndANumericDecimalIsExact() throws Exception {
        Path file = dir.resolve("t.db");
        int rows = 300;
        try (Hygge hygge = Sqlite.runtime()) {
            hygge.flow("all").from(GeneratedHome.builder(TestBatches.allTypes()).rows(rows).batchSize(64).build())
                    .to("sqlite", Map.of("path", file.toString(), "table", "all_types",
                            "schema_overrides", Map.of("dec18", "DECIMAL(15,2)"))).run();
            assertThat(SqliteReadBack.query(file, "SELECT DISTINCT typeof(dec18) FROM all_types WHERE dec18 IS NOT NULL"))
                    .extracting(r -> r.get(0)).isSubsetOf("real", "integer").isNotEmpty();
            CollectingStore back = new CollectingStore(1);
            hygge.flow("back").from("sqlite", Map.of("path", file.toString(), "table", "all_types")).to(back).run();
            assertSameRows(back, rows);
        }
    }

    private static void assertSameRows(CollectingStore back, int rows) {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot expected = TestBatches.generate(TestBatches.allTypes(), allocator, 0, rows)) {
            List<List<Object>> want = TestBatches.rows(expected);
            List<List<Object>> got = back.committed().stream()
                    .sorted(java.util.Comparator.comparingLong(r -> (Long) r.get(0))).toList();
            assertThat(got).hasSize(rows);
            for (int i = 0; i < rows; i++) {
                assertThat(got.get(i)).as("row %d", i).isEqualTo(want.get(i));
            }
        }
    }
}
