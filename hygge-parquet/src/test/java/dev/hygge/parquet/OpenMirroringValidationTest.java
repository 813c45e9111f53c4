package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.config.ProjectConfigException;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hygge validate} of {@code type: open_mirroring}: each wrong key or value an error at its line, saying what to write. */
class OpenMirroringValidationTest {
    @TempDir
    Path dir;

    private String fails(String yaml) throws IOException {
        ProjectConfigException e = TestKit.projectFails(dir, yaml, Map.of(),
                Plugins.builder().home(new ParquetHomeFactory()).store(new OpenMirroringStoreFactory()).build());
        return e.getMessage();
    }

    @Test
    void wrongValuesAreErrorsWithTheirLines() throws IOException {
        String message = fails("""
                flows:
                  a:
                    home: {type: parquet, path: in/a.parquet}
                    store:
                      type: open_mirroring
                      path: lake
                      mirror_name: crm
                      row_marker: 3
                      file_detection: hourly
                      starting_sequence: 0
                      folder_deletion_wait_seconds: 1000
                      compression: brotli
                      schema_name: _hidden
                  b:
                    home: {type: parquet, path: in/b.parquet}
                    store:
                      type: open_mirroring
                      account_url: https://onelake.dfs.fabric.microsoft.com
                      key_columns: id
                """);
        assertThat(message)
                .containsPattern("hygge.yml:\\d+:\\d+: .*option 'key_columns' is required")
                .containsPattern("hygge.yml:8:\\d+: .*row_marker 3 is not one Open Mirroring knows")
                .containsPattern("hygge.yml:9:\\d+: .*file_detection must be sequential or timestamp, not 'hourly'")
                .containsPattern("hygge.yml:10:\\d+: .*starting_sequence must be at least 1, not 0")
                .containsPattern("hygge.yml:11:\\d+: .*folder_deletion_wait_seconds must be 0 to 900")
                .containsPattern("hygge.yml:12:\\d+: .*compression must be snappy, zstd, gzip or none")
                .containsPattern("hygge.yml:13:\\d+: .*schema_name '_hidden' starts with '_'")
                .contains("option 'filesystem' is required with account_url")
                .contains("option 'mirror_name' is required");
    }

    @Test
    void aTableNamedLikeASchemaFolderIsRefused() throws IOException {
        String message = fails("""
                flows:
                  a:
                    home: {type: parquet, path: in/a.parquet}
                    store: {type: open_mirroring, path: lake, mirror_name: crm, key_columns: [id], table: sales.schema}
                """);
        assertThat(message).containsPattern("hygge.yml:4:\\d+: .*table 'sales.schema' ends with '.schema'");
    }

    @Test
    void aMisspeltKeyNamesTheKeyAndTheClosestOne() throws IOException {
        String message = fails("""
                flows:
                  a:
                    home: {type: parquet, path: in/a.parquet}
                    store: {type: open_mirroring, path: lake, mirror_name: crm, key_column: [id]}
                """);
        assertThat(message).contains("key_column").contains("key_columns");
    }

    @Test
    void credentialsOnALocalFolderAreRefused() throws IOException {
        String message = fails("""
                flows:
                  a:
                    home: {type: parquet, path: in/a.parquet}
                    store: {type: open_mirroring, path: lake, mirror_name: crm, key_columns: [id], credential: managed_identity}
                """);
        assertThat(message).contains("on local disk").contains("credential");
    }
}
