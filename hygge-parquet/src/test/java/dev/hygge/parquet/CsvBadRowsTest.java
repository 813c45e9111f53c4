package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.spi.HyggeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code on_bad_row}: each mode with a value of the wrong type and a row of too few columns, file and line asserted. */
class CsvBadRowsTest {
    @TempDir
    Path dir;
    Path csv;
    Path lake;

    @BeforeEach
    void write() throws IOException {
        csv = dir.resolve("landing").resolve("orders.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "id,amount,name\n1,2.5,a\n2,x,b\n3,4.0,\"c,d\"\n4,5\n5,6.5,e\n", StandardCharsets.UTF_8);
        lake = dir.resolve("lake");
    }

    private FlowResult run(Map<String, Object> home) {
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            return hygge.flow("orders").from("parquet", home).to("parquet", Map.of("path", lake.toString())).run();
        }
    }

    private static Map<String, Object> typed(Map<String, Object> more) {
        Map<String, Object> home = new java.util.HashMap<>(more);
        home.put("format_options", Map.of("types", Map.of("amount", "DOUBLE")));
        return home;
    }

    @Test
    void failNamesTheFileTheLineAndTheColumnAndWritesNothing() {
        assertThatThrownBy(() -> run(typed(Map.of("path", csv.toString()))))
                .isInstanceOf(HyggeException.class)
                .hasMessageContaining("CSV file " + csv + " has 2 bad row(s)")
                .hasMessageContaining("line 3, column 'amount': Error when converting column \"amount\". Could not convert string \"x\"")
                .hasMessageContaining("(the line: 2,x,b)")
                .hasMessageContaining("line 5, column 'name': Expected Number of Columns: 3 Found: 2")
                .hasMessageContaining("on_bad_row: skip | file");
        assertThat(ParquetStore.dataFiles(lake)).isEmpty();
    }

    @Test
    void skipLeavesTheBadRowsOutAndWritesTheRest() {
        FlowResult result = run(typed(Map.of("path", csv.toString(), "on_bad_row", "skip")));
        assertThat(result.rowsWritten()).isEqualTo(3);
        assertThat(DuckDbCheck.query("SELECT id, amount, name FROM read_parquet(" + DuckDb.literal(DuckDbCheck.glob(lake))
                + ") ORDER BY id")).containsExactly(List.of(1L, 2.5, "a"), List.of(3L, 4.0, "c,d"), List.of(5L, 6.5, "e"));
        assertThat(dir.resolve("landing").resolve("_rejects")).doesNotExist();
        // the skipped rows are a warning of the flow's result, not only a log line
        assertThat(result.succeeded()).isTrue();
        assertThat(result.warned()).isTrue();
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("CSV file " + csv + ": 2 bad row(s) skipped (on_bad_row: skip): line 3, column 'amount'")
                .contains("line 5, column 'name'");
    }

    @Test
    void fileWritesEachBadRowWithItsFileLineColumnAndReason() {
        FlowResult result = run(typed(Map.of("path", dir.resolve("landing").toString(), "format", "csv", "on_bad_row", "file")));
        assertThat(result.rowsWritten()).isEqualTo(3);
        Path rejects = dir.resolve("landing").resolve("_rejects");
        assertThat(result.warnings()).singleElement().asString().startsWith("CSV file " + csv + ": 2 bad row(s) skipped and written to "
                + rejects.resolve("orders.csv.rejects.csv") + " (on_bad_row: file): line 3");
        try (var files = Files.list(rejects)) {
            Path file = files.filter(f -> !f.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
            assertThat(file.getFileName().toString()).isEqualTo("orders.csv.rejects.csv");
            assertThat(DuckDbCheck.query("SELECT file, line, \"column\", error, text FROM read_csv(" + DuckDb.literal(file.toString())
                    + ") ORDER BY line")).containsExactly(
                    List.of(csv.toString(), 3L, "amount", "cast", "2,x,b"),
                    List.of(csv.toString(), 5L, "name", "missing columns", "4,5"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // the rejects folder is an _ name: reading the landing folder again does not read it as data
        assertThat(ParquetFiles.resolve(dir.resolve("landing").toString(), FileFormat.CSV)).containsExactly(csv);
    }

    @Test
    void filesReadAtOnceEachReportOnlyTheirOwnBadRows() throws IOException {
        Path landing = dir.resolve("many");
        Files.createDirectories(landing.resolve("eu"));
        for (int i = 0; i < 6; i++) {
            StringBuilder text = new StringBuilder("id,amount\n");
            for (int r = 0; r < 20_000; r++) {
                text.append(r).append(',').append(r == 100 + i ? "bad" + i : r + ".5").append('\n');
            }
            Files.writeString(landing.resolve(i % 2 == 0 ? "f" + i + ".csv" : "eu/f" + i + ".csv"), text.toString());
        }
        FlowResult result;
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            result = hygge.flow("orders").from("parquet", typed(Map.of("path", landing.toString(), "format", "csv", "on_bad_row", "file")))
                    .to("parquet", Map.of("path", lake.toString())).parallelism(3).run();
        }
        assertThat(result.rowsWritten()).isEqualTo(6 * 19_999);
        assertThat(result.warnings()).as("one per file with bad rows").hasSize(6);
        for (int i = 0; i < 6; i++) {
            Path rejects = landing.resolve("_rejects").resolve((i % 2 == 0 ? "" : "eu_") + "f" + i + ".csv.rejects.csv");
            assertThat(DuckDbCheck.query("SELECT file, line, text FROM read_csv(" + DuckDb.literal(rejects.toString()) + ")"))
                    .containsExactly(List.of(landing.resolve((i % 2 == 0 ? "" : "eu/") + "f" + i + ".csv").toString(),
                            (long) (102 + i), (100 + i) + ",bad" + i));
        }
    }

    @Test
    void fileGoesToRejectsPathWhenSet() {
        Path elsewhere = dir.resolve("rejected");
        run(typed(Map.of("path", csv.toString(), "on_bad_row", "file", "rejects_path", elsewhere.toString())));
        assertThat(elsewhere).isDirectory();
        assertThat(elsewhere.toFile().list()).containsExactly("orders.csv.rejects.csv");
    }

    @Test
    void aFileWithoutBadRowsWritesNoRejectsFile() throws IOException {
        Files.writeString(csv, "id,amount\n1,2.5\n", StandardCharsets.UTF_8);
        FlowResult result = run(Map.of("path", csv.toString(), "on_bad_row", "file"));
        assertThat(result.rowsWritten()).isEqualTo(1);
        assertThat(result.warnings()).isEmpty();
        assertThat(dir.resolve("landing").resolve("_rejects")).doesNotExist();
    }

    @Test
    void ndjsonBadLineFailsNamingTheFileAndLine() throws IOException {
        Path ndjson = dir.resolve("landing").resolve("events.ndjson");
        Files.writeString(ndjson, "{\"id\":1}\n{\"id\":2}\n{\"id\":3\n{\"id\":4}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> run(Map.of("path", ndjson.toString())))
                .isInstanceOf(HyggeException.class)
                .hasMessageContaining(ndjson.toString())
                .hasMessageContaining("line");
        assertThat(ParquetStore.dataFiles(lake)).isEmpty();
    }
}
