package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * parquet → CSV/NDJSON → parquet keeps every value: timestamps to the microsecond (with and
 * without zone), decimals (by a type override: the sniffer reads them as DOUBLE), strings with
 * quotes, delimiters, newlines and unicode, NULL apart from the empty string, nested values (as
 * JSON text in CSV).
 */
class TextRoundTripTest {
    @TempDir
    Path dir;

    static Hygge runtime() {
        return TestKit.runtime(Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory()));
    }

    static final String SOURCE = "SELECT i::BIGINT AS id, CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'say \"hi\", ''you''' "
            + " WHEN 3 THEN 'line\nbreak;|tab\t' ELSE 'æøå 日本語 😀 ' || i END AS s,"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 1.125 - 500)::DECIMAL(12,3) END AS d,"
            + " TIMESTAMP '2024-01-02 03:04:05.123456' + INTERVAL (i) MICROSECOND * 1000003 AS ts,"
            + " CASE WHEN i % 3 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-06-30 23:59:59.999999+00' - INTERVAL (i) SECOND END AS tz,"
            + " DATE '2020-02-29' + (i % 400)::INT AS day, i % 2 = 0 AS flag, (i / 3.0)::DOUBLE AS ratio"
            + " FROM range(5000) t(i)";

    @ParameterizedTest
    @CsvSource({"csv,none,.csv", "csv,gzip,.csv.gz", "csv,zstd,.csv.zst", "ndjson,none,.ndjson", "ndjson,gzip,.ndjson.gz",
        "ndjson,zstd,.ndjson.zst"})
    void parquetToTextToParquetKeepsEveryValue(String format, String compression, String extension) throws IOException {
        Path source = dir.resolve("source.parquet");
        DuckDbCheck.execute("COPY (" + SOURCE + ") TO " + DuckDb.literal(source.toString()) + " (FORMAT parquet)");
        Path text = dir.resolve("text");
        Path back = dir.resolve("back");
        try (Hygge hygge = runtime()) {
            hygge.flow("orders").from("parquet", Map.of("path", source.toString()))
                    .to("parquet", Map.of("path", text.toString(), "format", format, "compression", compression)).run();
            assertThat(files(text)).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                    .isEqualTo("orders_00000000000000000000" + extension));
            // the sniffer reads decimals as DOUBLE and an NDJSON timestamp with a zone as text: say the types
            Map<String, Object> formatOptions = Map.of("types", Map.of("d", "DECIMAL(12,3)", "tz", "TIMESTAMPTZ"));
            hygge.flow("orders").from("parquet", Map.of("path", text.toString(), "format", format, "format_options", formatOptions))
                    .to("parquet", Map.of("path", back.toString())).run();
        }
        String backGlob = DuckDbCheck.glob(back);
        assertThat(DuckDbCheck.query("DESCRIBE SELECT * FROM read_parquet(" + DuckDb.literal(backGlob) + ")").stream()
                .map(r -> r.get(0) + " " + r.get(1)).toList())
                .containsExactly("id BIGINT", "s VARCHAR", "d DECIMAL(12,3)", "ts TIMESTAMP", "tz TIMESTAMP WITH TIME ZONE",
                        "day DATE", "flag BOOLEAN", "ratio DOUBLE");
        String a = "read_parquet(" + DuckDb.literal(source.toString()) + ")";
        String b = "read_parquet(" + DuckDb.literal(backGlob) + ")";
        assertThat(DuckDbCheck.query("SELECT count(*) FROM " + b).get(0).get(0)).isEqualTo(5000L);
        assertThat(DuckDbCheck.query("(SELECT * FROM " + a + " EXCEPT SELECT * FROM " + b + ") UNION ALL (SELECT * FROM " + b
                + " EXCEPT SELECT * FROM " + a + ")")).isEmpty();
        assertThat(DuckDbCheck.query("SELECT count(*) FILTER (s IS NULL), count(*) FILTER (s = '') FROM " + b).get(0))
                .containsExactly(1000L, 1000L);
    }

    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.list(folder)) {
            return walk.filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList();
        }
    }
}
