package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.spi.HyggeException;
import dev.hygge.testkit.NoopStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV/NDJSON Home's bad input fails before a row is read, naming the path and what to do. */
class TextBadInputTest {
    @TempDir
    Path dir;

    private void read(Map<String, Object> home) {
        try (Hygge hygge = TextRoundTripTest.runtime()) {
            hygge.flow("t").from("parquet", home).to(new NoopStore(2)).run();
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> read(Map.of("path", missing.toString()))).isInstanceOf(HyggeException.class)
                .hasMessageContaining("CSV path " + missing + " does not exist");
    }

    @Test
    void aFolderWithoutFilesOfTheFormatIsNamed() throws IOException {
        Files.writeString(dir.resolve("a.parquet.txt"), "x");
        assertThatThrownBy(() -> read(Map.of("path", dir.toString(), "format", "ndjson"))).isInstanceOf(HyggeException.class)
                .hasMessageContaining("Directory " + dir + " holds no ndjson files");
    }

    @Test
    void aTypeForAColumnTheFileDoesNotHaveIsAConfigError() throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "id,name\n1,a\n");
        assertThatThrownBy(() -> read(Map.of("path", csv.toString(), "format_options", Map.of("types", Map.of("amount", "INT")))))
                .isInstanceOf(HyggeException.class).hasMessageContaining("format_options.types").hasMessageContaining("amount");
        Path ndjson = dir.resolve("a.ndjson");
        Files.writeString(ndjson, "{\"id\":1}\n");
        assertThatThrownBy(() -> read(Map.of("path", ndjson.toString(), "format_options", Map.of("types", Map.of("amount", "INT")))))
                .isInstanceOf(HyggeException.class)
                .hasMessageContaining("format_options.types names column 'amount', which " + ndjson + " does not have; its columns are [id]");
    }

    @Test
    void anNdjsonFileThatIsNotJsonSaysWhatALineMustBe() throws IOException {
        Path ndjson = dir.resolve("a.ndjson");
        Files.writeString(ndjson, "id,name\n1,a\n");
        assertThatThrownBy(() -> read(Map.of("path", ndjson.toString()))).isInstanceOf(HyggeException.class)
                .hasMessageContaining("NDJSON file " + ndjson + " cannot be read")
                .hasMessageContaining("each line must be one JSON object")
                .hasMessageNotContaining("delimiter");
    }

    @Test
    void anUnknownProjectedColumnListsTheFilesColumns() throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "id,name\n1,a\n");
        assertThatThrownBy(() -> read(Map.of("path", csv.toString(), "columns", List.of("id", "nmae"))))
                .isInstanceOf(HyggeException.class)
                .hasMessageContaining("column 'nmae' is not in " + csv + "; its columns are [id, name]");
    }

    @Test
    void aBadTypeNameIsNamed() throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "id,name\n1,a\n");
        assertThatThrownBy(() -> read(Map.of("path", csv.toString(), "format_options", Map.of("types", Map.of("id", "INTEGR")))))
                .isInstanceOf(HyggeException.class).hasMessageContaining(csv.toString()).hasMessageContaining("INTEGR");
    }
}
