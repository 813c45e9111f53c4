package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.config.Project;
import dev.hygge.config.ProjectConfigException;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hygge validate}: a wrong CSV/NDJSON key or value is an error naming the file, the line and what to write. */
class TextValidationTest {
    @TempDir
    Path dir;

    static Plugins plugins() {
        return Plugins.builder().home(new ParquetHomeFactory()).store(new ParquetStoreFactory())
                .home(new LocalHomeFactory()).store(new LocalStoreFactory()).build();
    }

    private String fails(String yaml) throws IOException {
        ProjectConfigException e = TestKit.projectFails(dir, yaml, Map.of(), plugins());
        return e.getMessage();
    }

    @Test
    void wrongValuesAreErrorsWithTheirLines() throws IOException {
        String message = fails("""
                flows:
                  a:
                    home:
                      type: parquet
                      path: in/a.csv
                      on_bad_row: maybe
                    store: {type: parquet, path: out/a, format: xml}
                  b:
                    home:
                      type: parquet
                      path: in/b.csv
                      format_options: {delimiter: "", quote: "''", encoding: cp1252, compression: lz4, sample_size: 0}
                    store:
                      type: parquet
                      path: out/b
                      format: csv
                      compression: snappy
                      format_options: {encoding: latin-1, types: {a: INT}, null_strings: [NA, "NULL"]}
                  e:
                    home: {type: parquet, path: in/e.csv}
                    store: {type: parquet, path: out/e, format: csv, format_options: {null_strings: [NULL]}}
                  c:
                    home: {type: parquet, path: in/c.ndjson, on_bad_row: skip, format_options: {delimiter: ";"}}
                    store: {type: parquet, path: out/c}
                  d:
                    home: {type: parquet, path: in/d.parquet, on_bad_row: file, format_options: {delimiter: ";"}}
                    store: {type: parquet, path: out/d, compression: zstd, format_options: {compression: gzip, header: true}}
                """);
        assertThat(message)
                .contains("hygge.yml:6:7: 'on_bad_row' of the home of flow 'a' must be one of fail, skip, file, not 'maybe'")
                .contains("hygge.yml:7:41: 'format' of the store of flow 'a' must be one of parquet, csv, ndjson, not 'xml'")
                .contains("hygge.yml:12:7: the home of flow 'b' (type parquet): format_options.delimiter must be 1 to 4 characters")
                .contains("format_options.delimiter must be 1 to 4 characters")
                .contains("format_options.quote must be one character")
                .contains("format_options.encoding must be one of utf-8, utf-16, latin-1, not 'cp1252'")
                .contains("format_options.compression must be auto (from the extension), gzip, zstd or none, not 'lz4'")
                .contains("format_options.sample_size must be at least 1, or -1")
                .contains("compression for csv files must be none, gzip or zstd, not snappy")
                .contains("files are written in UTF-8 only")
                .contains("format_options.types is for reading")
                .contains("a Store writes one NULL string, not [NA, NULL]")
                .contains("the store of flow 'e' (type parquet): format_options.null_strings must be a list of strings").contains("YAML reads them as no value")
                .contains("on_bad_row: skip is for CSV files")
                .contains("format_options delimiter are for CSV files, not NDJSON")
                .contains("on_bad_row is for CSV files; parquet files have no bad rows")
                .contains("the home of flow 'd' (type parquet): format_options delimiter are for CSV and NDJSON files, not parquet")
                .contains("the store of flow 'd' (type parquet): format_options header are for CSV and NDJSON files, not parquet")
                .contains("format_options.compression 'gzip' and compression 'zstd' disagree; keep compression");
    }

    @Test
    void anUnknownFormatOptionNamesTheClosestKey() throws IOException {
        String message = fails("""
                flows:
                  a:
                    home: {type: parquet, path: in/a.csv, format_options: {delimeter: ";"}}
                    store: {type: parquet, path: out/a}
                """);
        assertThat(message).contains("hygge.yml:3").contains("delimeter").contains("delimiter");
    }

    @Test
    void theOriginalsLocalTypeLoadsWithItsFormats() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  a:
                    home: {type: local, path: in/a.csv, format: csv, format_options: {has_header: true, separator: ","}}
                    store: {type: local, path: out/a, format: ndjson, batch_size: 1000}
                  b:
                    home: {type: local, path: in/b.parquet}
                    store: {type: local, path: out/b}
                """);
        Project project = Project.load(dir, k -> null);
        project.validate(plugins());
        assertThat(project.notes()).singleElement().asString()
                .contains("'batch_size' of the store of flow 'a' is the original hygge's name; write rows_per_file");
    }
}
