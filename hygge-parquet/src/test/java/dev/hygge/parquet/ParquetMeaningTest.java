package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.testkit.CollectingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.hygge.spi.Readers;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies that keep their meaning: what a parquet file's footer says (REQUIRED columns, field ids,
 * FLOAT16 and FIXED_LEN_BYTE_ARRAY, key/value metadata) reaches the Arrow schema the Home hands
 * out, and the parquet Store writes back what DuckDB's writer can; the rest is exactly what the
 * README's type table lists.
 */
class ParquetMeaningTest {
    private static final int ROWS = 2_000;

    @TempDir
    Path dir;

    @Test
    void theHomeSaysWhatTheFooterSays() throws Exception {
        Path file = dir.resolve("source.parquet");
        MeaningFixture.write(file, ROWS);

        Schema schema = schemaHandedOut(Map.of("path", file.toString()));

        assertThat(schema.findField("id").isNullable()).as("REQUIRED id").isFalse();
        assertThat(schema.findField("name").isNullable()).as("OPTIONAL name").isTrue();
        assertThat(schema.findField("digest").isNullable()).isFalse();
        Field point = schema.findField("point");
        assertThat(point.isNullable()).isFalse();
        assertThat(point.getChildren().get(0).isNullable()).as("REQUIRED point.x").isFalse();
        assertThat(point.getChildren().get(1).isNullable()).as("OPTIONAL point.label").isTrue();
        Field tags = schema.findField("tags");
        assertThat(tags.isNullable()).isTrue();
        assertThat(tags.getChildren().get(0).isNullable()).as("REQUIRED list element").isFalse();

        assertThat(fieldId(schema.findField("id"))).isEqualTo("1");
        assertThat(fieldId(schema.findField("name"))).isEqualTo("2");
        assertThat(fieldId(point)).isEqualTo("5");
        assertThat(fieldId(point.getChildren().get(0))).isEqualTo("6");
        assertThat(fieldId(point.getChildren().get(1))).isEqualTo("7");
        assertThat(fieldId(tags)).isEqualTo("8");
        assertThat(fieldId(tags.getChildren().get(0))).isEqualTo("9");

        assertThat(schema.findField("f16").getMetadata()).containsEntry(ParquetFacts.PARQUET_TYPE, "FLOAT16");
        assertThat(schema.findField("digest").getMetadata()).containsEntry(ParquetFacts.PARQUET_TYPE, "FIXED_LEN_BYTE_ARRAY(16)");
        assertThat(schema.findField("name").getMetadata()).doesNotContainKey(ParquetFacts.PARQUET_TYPE);

        assertThat(schema.getCustomMetadata()).containsAllEntriesOf(MeaningFixture.KEY_VALUES)
                .isEqualTo(keyValues(file.toString()));
    }

    @Test
    void aCopyKeepsFieldIdsAndKeyValueMetadataAndChangesOnlyWhatTheReadmeLists() throws Exception {
        Path file = dir.resolve("source.parquet");
        MeaningFixture.write(file, ROWS);
        Path copy = dir.resolve("copy");

        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("meaning").from("parquet", Map.of("path", file.toString()))
                    .to("parquet", Map.of("path", copy.toString())).run();
        }

        String written = copy + "/*.parquet";
        assertThat(keyValues(written)).as("the file's key/value metadata").containsAllEntriesOf(keyValues(file.toString()));
        Map<String, List<Object>> source = elements(file.toString());
        Map<String, List<Object>> output = elements(written);
        assertThat(output.keySet()).isEqualTo(source.keySet());
        for (String name : source.keySet()) {
            assertThat(output.get(name).get(0)).as("field id of %s", name).isEqualTo(source.get(name).get(0));
        }
        // what DuckDB's writer (1.4.4 and 1.5.6) cannot keep, as the README's type table says: every column OPTIONAL,
        // FLOAT16 as FLOAT, FIXED_LEN_BYTE_ARRAY as BYTE_ARRAY
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : source.keySet()) {
            List<Object> from = source.get(name);
            List<Object> to = output.get(name);
            for (int i = 1; i < from.size(); i++) {
                if (!String.valueOf(from.get(i)).equals(String.valueOf(to.get(i)))) {
                    changes.merge(name, from.get(i) + " -> " + to.get(i), (a, b) -> a + ", " + b);
                }
            }
        }
        assertThat(changes).containsOnly(
                Map.entry("id", "REQUIRED -> OPTIONAL"),
                Map.entry("f16", "FIXED_LEN_BYTE_ARRAY -> FLOAT, 2 -> null, Float16Type() -> null"),
                Map.entry("digest", "FIXED_LEN_BYTE_ARRAY -> BYTE_ARRAY, 16 -> null, REQUIRED -> OPTIONAL"),
                Map.entry("point", "REQUIRED -> OPTIONAL"),
                Map.entry("point.x", "REQUIRED -> OPTIONAL"),
                Map.entry("tags.list.element", "REQUIRED -> OPTIONAL"));
        assertThat(DuckDbCheck.checksums(written)).isEqualTo(DuckDbCheck.checksums(file.toString()));
    }

    @Test
    void overSeveralFilesOnlyWhatEveryFileSaysIsTold() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in"));
        MeaningFixture.write(folder.resolve("a.parquet"), ROWS);
        // DuckDB writes the same columns OPTIONAL, without field ids, FLOAT for FLOAT16, and other metadata
        DuckDbCheck.execute("COPY (SELECT * FROM read_parquet('" + folder.resolve("a.parquet") + "')) TO '"
                + folder.resolve("b.parquet") + "' (FORMAT parquet, KV_METADATA {'org.apache.spark.version': '3.5.1', 'pandas': 'other'})");

        Schema schema = schemaHandedOut(Map.of("path", folder.toString()));

        assertThat(schema.getFields()).allSatisfy(f -> {
            assertThat(f.isNullable()).as("%s is OPTIONAL in b", f.getName()).isTrue();
            assertThat(f.getMetadata()).as("%s has no field id in b", f.getName()).isEmpty();
        });
        assertThat(schema.getCustomMetadata()).as("the one pair both files hold alike")
                .isEqualTo(Map.of("org.apache.spark.version", "3.5.1"));
    }

    @Test
    void aProjectionKeepsColumnFactsButNotTheFilesMetadata() throws Exception {
        Path file = dir.resolve("source.parquet");
        MeaningFixture.write(file, ROWS);

        Schema schema = schemaHandedOut(Map.of("path", file.toString(), "columns", List.of("name", "id")));

        assertThat(schema.findField("id").isNullable()).isFalse();
        assertThat(fieldId(schema.findField("name"))).isEqualTo("2");
        // the Spark, pandas and Arrow schemas describe every column of the file, not these two
        assertThat(schema.getCustomMetadata()).isNullOrEmpty();
    }

    @Test
    void aPartitionedCopyKeepsTheFieldIdsOfTheColumnsInTheFiles() throws Exception {
        Path file = dir.resolve("source.parquet");
        MeaningFixture.write(file, 200);
        Path copy = dir.resolve("copy");

        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("meaning").from("parquet", Map.of("path", file.toString()))
                    .to("parquet", Map.of("path", copy.toString(), "partition_by", List.of("name"))).run();
        }

        Map<String, List<Object>> output = elements(DuckDbCheck.glob(copy));
        assertThat(output).doesNotContainKey("name");
        assertThat(output.get("id").get(0)).isEqualTo("1");
        assertThat(output.get("point.x").get(0)).isEqualTo("6");
    }

    @Test
    void aFileDuckDbWroteIsHandedOnAsDuckDbExportsIt() throws Exception {
        Path file = dir.resolve("plain.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id, 'x' || i AS s, [i] AS l, {'a': i} AS st, MAP {'k': i} AS m FROM range(10) r(i)) TO '"
                + file + "' (FORMAT parquet)");
        Schema exported = schemaHandedOut(Map.of("path", file.toString()));

        try (DuckDb duckdb = DuckDb.open(1, "256MB"); BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = Readers.empty(allocator, exported)) {
            // nothing to tell (all OPTIONAL, no field ids, no key/value metadata): no reader in between
            assertThat(FactsReader.of(allocator, reader, ParquetFacts.read(duckdb, List.of(file)), true)).isSameAs(reader);
        }
    }

    private Schema schemaHandedOut(Map<String, Object> home) {
        CollectingStore store = new CollectingStore(1);
        try (Hygge hygge = ParquetRoundTripTest.runtime()) {
            hygge.flow("meaning").from("parquet", home).to(store).run();
        }
        return store.lastRequest().schema();
    }

    private static String fieldId(Field field) {
        return field.getMetadata().get(ParquetFacts.FIELD_ID);
    }

    /** The key/value metadata of the (first) file matching {@code parquet}, as text. */
    private static Map<String, String> keyValues(String parquet) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (List<Object> row : DuckDbCheck.query("SELECT decode(key), decode(value) FROM parquet_kv_metadata(" + DuckDb.literal(parquet)
                + ") WHERE file_name = (SELECT min(file_name) FROM parquet_kv_metadata(" + DuckDb.literal(parquet) + "))")) {
            kv.put((String) row.get(0), (String) row.get(1));
        }
        return kv;
    }

    /**
     * The schema elements of the first file matching {@code parquet} by dotted path (the root left
     * out): field id, then physical type, type length, repetition and annotation (the converted type,
     * else the logical type: DuckDB writes a string as UTF8 without the equal StringType(), and marks
     * INT64 as INT_64, which it is without the mark).
     */
    private static Map<String, List<Object>> elements(String parquet) {
        List<List<Object>> rows = DuckDbCheck.query("SELECT name, num_children, field_id, type, type_length, repetition_type,"
                + " CASE WHEN converted_type IN ('INT_32', 'INT_64') THEN NULL ELSE coalesce(converted_type, logical_type) END"
                + " FROM parquet_schema(" + DuckDb.literal(parquet) + ") WHERE file_name = (SELECT min(file_name)"
                + " FROM parquet_schema(" + DuckDb.literal(parquet) + "))");
        Map<String, List<Object>> elements = new LinkedHashMap<>();
        walk(rows, new int[] {0}, "", elements);
        return elements;
    }

    private static void walk(List<List<Object>> rows, int[] next, String prefix, Map<String, List<Object>> out) {
        List<Object> row = rows.get(next[0]++);
        String path = next[0] == 1 ? "" : prefix + row.get(0);
        if (next[0] > 1) {
            out.put(path, List.of(String.valueOf(row.get(2)), String.valueOf(row.get(3)),
                    String.valueOf(row.get(4)), String.valueOf(row.get(5)), String.valueOf(row.get(6))));
        }
        int children = row.get(1) == null ? 0 : ((Number) row.get(1)).intValue();
        for (int i = 0; i < children; i++) {
            walk(rows, next, path.isEmpty() ? "" : path + ".", out);
        }
    }
}
