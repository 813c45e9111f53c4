package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format option, read and written, against the bytes of the file. */
class TextOptionsTest {
    @TempDir
    Path dir;

    private List<List<Object>> read(Map<String, Object> home) {
        Path lake = dir.resolve("lake-" + System.nanoTime());
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            hygge.flow("t").from("parquet", home).to("parquet", Map.of("path", lake.toString())).run();
        }
        return DuckDbCheck.query("SELECT * FROM read_parquet(" + DuckDb.literal(DuckDbCheck.glob(lake)) + ") ORDER BY 1");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String writeFrom(String sql, Map<String, Object> store) throws IOException {
        Path source = dir.resolve("src-" + System.nanoTime() + ".parquet");
        DuckDbCheck.execute("COPY (" + sql + ") TO " + DuckDb.literal(source.toString()) + " (FORMAT parquet)");
        Path out = dir.resolve("out-" + System.nanoTime());
        java.util.HashMap<String, Object> options = new java.util.HashMap<>(store);
        options.put("path", out.toString());
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            hygge.flow("t").from("parquet", Map.of("path", source.toString())).to("parquet", options).run();
        }
        List<Path> files = TextRoundTripTest.files(out);
        assertThat(files).hasSize(1);
        return Files.readString(files.get(0), StandardCharsets.UTF_8);
    }

    @Test
    void readsWithTheDelimiterQuoteEscapeHeaderAndNullStringsGiven() throws IOException {
        Path file = write("a.txt", "1|'x\\'y'|NA\n2|'p|q'|\n3|NULL|z\n");
        assertThat(read(Map.of("path", file.toString(), "format", "csv", "format_options", Map.of("header", false,
                "delimiter", "|", "quote", "'", "escape", "\\", "null_strings", List.of("NA", "NULL")))))
                .containsExactly(java.util.Arrays.asList(1L, "x'y", null), java.util.Arrays.asList(2L, "p|q", ""),
                        java.util.Arrays.asList(3L, null, "z"));
    }

    @Test
    void theOriginalsPolarsNamesReadAsOurs() throws IOException {
        Path file = write("b.csv", "id;name\n1;a\n");
        assertThat(read(Map.of("path", file.toString(), "format_options", Map.of("separator", ";", "has_header", true,
                "schema_overrides", Map.of("id", "VARCHAR")))))
                .containsExactly(List.of("1", "a"));
    }

    @Test
    void readsLatin1AndUtf16() throws IOException {
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "id,name\n1,café\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(read(Map.of("path", latin.toString(), "format_options", Map.of("encoding", "latin-1"))))
                .containsExactly(List.of(1L, "café"));
        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, "id,name\n1,日本\n".getBytes(StandardCharsets.UTF_16LE));   // DuckDB's utf-16 is little-endian
        assertThat(read(Map.of("path", utf16.toString(), "format_options", Map.of("encoding", "utf-16"))))
                .containsExactly(List.of(1L, "日本"));
    }

    @Test
    void typesOverrideTheSniffedTypePerColumnAndDateFormatsParse() throws IOException {
        Path file = write("c.csv", "id,amount,day\n007,12.50,31/01/2024\n008,3.25,29/02/2024\n");
        List<List<Object>> rows = read(Map.of("path", file.toString(), "format_options", Map.of("types",
                Map.of("id", "VARCHAR", "amount", "DECIMAL(8,2)"), "date_format", "%d/%m/%Y")));
        assertThat(rows).containsExactly(List.of("007", new java.math.BigDecimal("12.50"), java.time.LocalDate.of(2024, 1, 31)),
                List.of("008", new java.math.BigDecimal("3.25"), java.time.LocalDate.of(2024, 2, 29)));
    }

    @Test
    void sampleSizeIsTheSniffersSample() throws IOException {
        StringBuilder text = new StringBuilder("v\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i).append('\n');
        }
        text.append("not a number\n");
        Path file = write("d.csv", text.toString());
        // sampling every row sees the text at the end and makes the column VARCHAR; the default sample makes it BIGINT
        assertThat(read(Map.of("path", file.toString(), "format_options", Map.of("sample_size", -1)))).hasSize(200_001);
        assertThat(read(Map.of("path", file.toString(), "on_bad_row", "skip"))).hasSize(200_000);
    }

    @Test
    void writesWithTheHeaderDelimiterQuoteEscapeAndNullStringGiven() throws IOException {
        String text = writeFrom("SELECT * FROM (VALUES (1, 'a|b', NULL), (2, 'q''x', '')) v(id, s, e)", Map.of("format", "csv",
                "format_options", Map.of("header", false, "delimiter", "|", "quote", "'", "escape", "\\", "null_strings", List.of("NULL"))));
        // the empty string is written as nothing: it is not the NULL string
        assertThat(text).isEqualTo("1|'a|b'|NULL\n2|'q\\'x'|\n");
    }

    @Test
    void csvWritesNestedColumnsAsJsonTextAndNdjsonAsJson() throws IOException {
        String sql = "SELECT 1 AS id, [1, 2] AS l, {'k': 'v', 'n': NULL} AS st, MAP {'a': 1} AS m";
        assertThat(writeFrom(sql, Map.of("format", "csv")))
                .isEqualTo("id,l,st,m\n1,\"[1,2]\",\"{\"\"k\"\":\"\"v\"\",\"\"n\"\":null}\",\"{\"\"a\"\":1}\"\n");
        assertThat(writeFrom(sql, Map.of("format", "ndjson"))).isEqualTo("{\"id\":1,\"l\":[1,2],\"st\":{\"k\":\"v\",\"n\":null},\"m\":{\"a\":1}}\n");
    }

    @Test
    void dateAndTimestampFormatsAreWritten() throws IOException {
        assertThat(writeFrom("SELECT DATE '2024-01-31' AS d, TIMESTAMP '2024-01-31 10:11:12' AS t", Map.of("format", "csv",
                "format_options", Map.of("date_format", "%d/%m/%Y", "timestamp_format", "%d/%m/%Y %H.%M"))))
                .isEqualTo("d,t\n31/01/2024,31/01/2024 10.11\n");
    }

    @Test
    void noRowsWritesAHeaderOnlyFile() throws IOException {
        assertThat(writeFrom("SELECT 1 AS id, 'x' AS name WHERE false", Map.of("format", "csv"))).isEqualTo("id,name\n");
        assertThat(writeFrom("SELECT 1 AS id WHERE false", Map.of("format", "ndjson"))).isEmpty();
    }

    @Test
    void rowsPerFileCutsTextFilesAndTheSequenceContinues() throws IOException {
        Path source = dir.resolve("many.parquet");
        DuckDbCheck.execute("COPY (SELECT i AS id FROM range(25000) t(i)) TO " + DuckDb.literal(source.toString()) + " (FORMAT parquet)");
        Path out = dir.resolve("cut");
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            for (int run = 0; run < 2; run++) {
                hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                        .to("parquet", Map.of("path", out.toString(), "format", "csv", "compression", "gzip", "rows_per_file", 10000)).run();
            }
        }
        assertThat(TextRoundTripTest.files(out).stream().map(f -> f.getFileName().toString()).toList()).containsExactly(
                "t_00000000000000000000.csv.gz", "t_00000000000000000001.csv.gz", "t_00000000000000000002.csv.gz",
                "t_00000000000000000003.csv.gz", "t_00000000000000000004.csv.gz", "t_00000000000000000005.csv.gz");
        assertThat(DuckDbCheck.query("SELECT count(*), count(DISTINCT id) FROM read_csv(" + DuckDb.literal(out + "/*.csv.gz") + ")").get(0))
                .containsExactly(50000L, 25000L);
        // and the folder reads back as one csv Home
        assertThat(read(Map.of("path", out.toString(), "format", "csv"))).hasSize(50000);
    }

    @Test
    void theOriginalsFormatOptionsCompressionIsTheStoresCompression() throws IOException {
        Path source = dir.resolve("z.parquet");
        DuckDbCheck.execute("COPY (SELECT 1 AS id) TO " + DuckDb.literal(source.toString()) + " (FORMAT parquet)");
        Path out = dir.resolve("z");
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            hygge.flow("t").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", out.toString(), "format_options", Map.of("compression", "zstd"))).run();
        }
        assertThat(DuckDbCheck.query("SELECT DISTINCT compression FROM parquet_metadata(" + DuckDb.literal(DuckDbCheck.glob(out)) + ")"))
                .containsExactly(List.of("ZSTD"));
    }

    @Test
    void aFolderOfJsonlFilesIsReadWithAGlob() throws IOException {
        write("e1.jsonl", "{\"id\":1,\"name\":\"a\"}\n");
        write("e2.jsonl", "{\"id\":2,\"name\":\"b\"}\n");
        assertThat(read(Map.of("path", dir.resolve("e*.jsonl").toString()))).containsExactly(List.of(1L, "a"), List.of(2L, "b"));
    }
}
