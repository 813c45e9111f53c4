package dev.hygge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PostgreSQL type this plugin maps, both ways through parquet: a table of each type (edge
 * values, NULLs, empty and NULL-holding arrays) read by the postgres Home into parquet files, those
 * files loaded by the postgres Store into a table of the same definition and into one it infers.
 * The rows compare equal as PostgreSQL prints them.
 */
@ExtendWith(PostgresServer.class)
class PostgresRoundTripTest {
    static final String DDL = "id bigint NOT NULL, b boolean, i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision,"
            + " n numeric(12,2), n38 numeric(38,10), n0 numeric(20,0), t text, v varchar(40), c char(3), mood_col %s.mood,"
            + " js json, jb jsonb, by bytea, u uuid, d date, tm time, ts timestamp, tstz timestamptz, iv interval,"
            + " ai integer[], at text[], an numeric(10,3)[]";
    static final String[] ROWS = {
        "1, true, 1, 2, 3, 1.5, 2.25, 123.45, 1234567890123456789012345678.0123456789, 12345678901234567890, 'hygge',"
                + " 'ærøskøbing 日本語', 'abc', 'happy', '{\"a\": [1, 2]}', '{\"b\": {\"c\": null}}', '\\x00ff10',"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29', '23:59:59.999999', '2024-05-01 10:00:00.123456',"
                + " '2024-05-01 10:00:00.654321+02', '1 year 2 mons 3 days 04:05:06.789', '{1,NULL,3}', '{\"a b\",\"\",NULL}',"
                + " '{1.5,-2.125}'",
        "2, false, -32768, -2147483648, -9223372036854775808, -0.0, 1e308, -0.01, -0.0000000001, 0, '', 'quote '' and \" and \\',"
                + " 'x', 'sad', '[]', '[]', '\\x', '00000000-0000-0000-0000-000000000000', '1969-07-20', '00:00:00',"
                + " '1900-01-01 00:00:00', '1970-01-01 00:00:00+00', '1 days 00:00:00.001', '{}', '{}', '{}'",
        "3, NULL, 32767, 2147483647, 9223372036854775807, 3.4e38, -1e-300, 9999999999.99, 0.0001, -99999999999999999999,"
                + " 'emoji 😀', 'tab\tand\nnewline', NULL, NULL, 'null', 'null', NULL, NULL, '9999-12-31', NULL,"
                + " '0001-01-01 00:00:00', '2262-04-11 23:47:16.854775+00', '0 seconds', NULL, NULL, NULL",
        "4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL"};

    static String schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void createSource() throws Exception {
        schema = PostgresServer.freshSchema("hygge_roundtrip");
        PostgresServer.execute("CREATE TYPE " + schema + ".mood AS ENUM ('sad', 'happy')");
        PostgresServer.execute("CREATE TABLE " + schema + ".source (" + DDL.formatted(schema) + ")");
        PostgresServer.execute("CREATE TABLE " + schema + ".same (" + DDL.formatted(schema) + ")");
        for (String row : ROWS) {
            PostgresServer.execute("INSERT INTO " + schema + ".source VALUES (" + row + ")");
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (schema != null) {
            PostgresServer.dropSchema(schema);
        }
    }

    @Test
    void everyTypeSurvivesPostgresToParquetAndBack() throws Exception {
        Path lake = dir.resolve("lake");
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            hygge.flow("out").from("postgres", Map.of("connection", "pg", "table", schema + ".source"))
                    .to("parquet", Map.of("path", lake.toString())).run();
            hygge.flow("same").from("parquet", Map.of("path", lake.toString()))
                    .to("postgres", Map.of("connection", "pg", "table", schema + ".same")).run();
            hygge.flow("inferred").from("parquet", Map.of("path", lake.toString()))
                    .to("postgres", Map.of("connection", "pg", "table", schema + ".inferred")).run();
        }
        assertThat(rowsAsText("same")).isEqualTo(rowsAsText("source"));
        // parquet keeps precision and scale, not declared lengths or PostgreSQL's own types: strings are sized by the rule
        assertThat(columnTypes("inferred")).containsExactly("bigint", "boolean", "smallint", "integer", "bigint", "real",
                "double precision", "numeric(12,2)", "numeric(38,10)", "numeric(20,0)", "character varying(50)",
                "character varying(50)", "character varying(50)", "character varying(50)", "character varying(50)",
                "character varying(50)", "bytea", "character varying(54)", "date", "time without time zone",
                "timestamp without time zone", "timestamp with time zone", "interval", "integer[]", "text[]", "numeric(10,3)[]");
        assertThat(rowsAsText("inferred")).isEqualTo(rowsAsText("source"));
    }

    /** Straight from one table to a new one, the field metadata carries what parquet cannot: lengths, json, uuid. */
    @Test
    void aTableInferredFromAPostgresHomeKeepsTheDeclaredTypes() throws Exception {
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            hygge.flow("copy").from("postgres", Map.of("connection", "pg", "table", schema + ".source"))
                    .to("postgres", Map.of("connection", "pg", "table", schema + ".direct")).run();
        }
        assertThat(columnTypes("direct")).containsExactly("bigint", "boolean", "smallint", "integer", "bigint", "real",
                "double precision", "numeric(12,2)", "numeric(38,10)", "numeric(20,0)", "text", "character varying(40)",
                "character varying(3)", "character varying(50)", "json", "jsonb", "bytea", "uuid", "date",
                "time without time zone", "timestamp without time zone", "timestamp with time zone", "interval", "integer[]",
                "text[]", "numeric(10,3)[]");
        assertThat(rowsAsText("direct")).isEqualTo(rowsAsText("source"));
    }

    /**
     * An existing table of arrays and an enum, appended to by temp_swap and by merge (twice, so
     * the second replaces every row): its columns are read from {@code pg_attribute}, not
     * {@code information_schema}'s {@code ARRAY}/{@code USER-DEFINED}, so the staging table is
     * made of its exact types and the rows land as they were.
     */
    @Test
    void appendsAndMergesIntoAnExistingTableOfArraysAndAnEnum() throws Exception {
        PostgresServer.execute("CREATE TABLE " + schema + ".kept (" + DDL.formatted(schema) + ", PRIMARY KEY (id))");
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            Map<String, Object> home = Map.of("connection", "pg", "query", "SELECT * FROM " + schema + ".source WHERE id <= 2");
            hygge.flow("append").from("postgres", home)
                    .to("postgres", Map.of("connection", "pg", "table", schema + ".kept")).run();
            for (int i = 0; i < 2; i++) {
                hygge.flow("merge").from("postgres", Map.of("connection", "pg", "table", schema + ".source"))
                        .to("postgres", Map.of("connection", "pg", "table", schema + ".kept", "write_strategy", "merge",
                                "keys", List.of("id"))).run();
            }
        }
        assertThat(columnTypes("kept")).isEqualTo(columnTypes("source"));
        assertThat(rowsAsText("kept")).isEqualTo(rowsAsText("source"));
    }

    /**
     * Arrays whose elements outgrow a batch's first allocation many times over (the decoders
     * write fixed-width values unchecked; an array grows its elements' vector first): every
     * element comes back in place.
     */
    @Test
    void longArraysComeBackWhole() throws Exception {
        PostgresServer.execute("CREATE TABLE " + schema + ".arrays AS SELECT i AS id,"
                + " ARRAY(SELECT i * 1000 + j FROM generate_series(1, 200) j)::bigint[] AS big,"
                + " ARRAY(SELECT (j % 2 = 0) FROM generate_series(1, 200) j) AS flags FROM generate_series(1, 3000) i");
        dev.hygge.testkit.CollectingStore back = new dev.hygge.testkit.CollectingStore(1);
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            hygge.flow("arrays").from("postgres", Map.of("connection", "pg", "table", schema + ".arrays", "batch_size", 1000))
                    .to(back).run();
        }
        assertThat(back.committed()).hasSize(3000).allSatisfy(row -> {
            long id = ((Number) row.get(0)).longValue();
            List<?> big = (List<?>) row.get(1);
            List<?> flags = (List<?>) row.get(2);
            assertThat(big).hasSize(200);
            assertThat(((Number) big.get(0)).longValue()).isEqualTo(id * 1000 + 1);
            assertThat(((Number) big.get(199)).longValue()).isEqualTo(id * 1000 + 200);
            assertThat(flags).hasSize(200);
            assertThat(List.of(flags.get(0), flags.get(1), flags.get(199))).isEqualTo(List.of(false, true, true));
        });
    }

    /** The test kit's all-types table (every integer width, unsigned ones, ms/µs/ns and zoned timestamps, an all-NULL column) in and out. */
    @Test
    void theTestKitsTypesGoInAndComeBack() throws Exception {
        int rows = 3_000;
        dev.hygge.testkit.CollectingStore back = new dev.hygge.testkit.CollectingStore(1);
        try (Hygge hygge = PostgresServer.runtime("pg")) {
            hygge.flow("in").from(dev.hygge.testkit.GeneratedHome.builder(dev.hygge.testkit.TestBatches.allTypes()).rows(rows)
                    .batchSize(700).build()).to("postgres", Map.of("connection", "pg", "table", schema + ".kit")).run();
            hygge.flow("out").from("postgres", Map.of("connection", "pg", "table", schema + ".kit")).to(back).run();
        }
        assertThat(back.committed()).hasSize(rows);
        try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             org.apache.arrow.vector.VectorSchemaRoot expected = dev.hygge.testkit.TestBatches.generate(
                     dev.hygge.testkit.TestBatches.allTypes(), allocator, 0, rows)) {
            List<List<Object>> want = dev.hygge.testkit.TestBatches.rows(expected);
            List<List<Object>> got = back.committed().stream().sorted(java.util.Comparator.comparingLong(r -> (Long) r.get(0))).toList();
            for (int i = 0; i < rows; i++) {
                assertThat(got.get(i).stream().map(PostgresRoundTripTest::plain).toList()).as("row %d", i)
                        .isEqualTo(want.get(i).stream().map(PostgresRoundTripTest::plain).toList());
            }
        }
    }

    /** A value as text, numbers by their value: PostgreSQL widens int8 to smallint and keeps microseconds, both exact. */
    static String plain(Object value) {
        if (value instanceof Number n && !(value instanceof java.math.BigDecimal)) {
            return value instanceof Float || value instanceof Double ? Double.toString(n.doubleValue()) : Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }

    static List<String> rowsAsText(String table) throws Exception {
        return query("SELECT CAST(t AS text) FROM " + schema + "." + table + " t ORDER BY id");
    }

    static List<String> columnTypes(String table) throws Exception {
        return query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + schema + "." + table
                + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    }

    static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresServer.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
