package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hygge validate} and {@code hygge debug} of an {@code open_mirroring} Store: wrong keys and values
 * are errors at their lines, with the closest key; the key columns are shown, the secret is not.
 */
class OpenMirroringCliTest {
    @TempDir
    Path tmp;

    private Path project(String store) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("p"));
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("hygge.yml"), """
                name: mirror
                flows:
                  crm:
                    home: data/
                    store:
                """ + store.indent(6) + """
                    entities: [users]
                """);
        return project;
    }

    @Test
    void wrongKeysAndValuesAreErrorsAtTheirLines() throws Exception {
        Path project = project("""
                type: open_mirroring
                path: lake
                mirror_name: crm
                key_column: [id]
                row_marker: 5
                file_detection: hourly
                folder_deletion_wait_seconds: -1
                """);
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).isNotZero();
        assertThat(validate.out() + validate.err())
                .containsPattern("hygge.yml:9:\\d+: .*'key_column'.*did you mean 'key_columns'")
                .containsPattern("hygge.yml:10:\\d+: .*row_marker 5 is not one Open Mirroring knows")
                .containsPattern("hygge.yml:11:\\d+: .*file_detection must be sequential or timestamp, not 'hourly'")
                .containsPattern("hygge.yml:12:\\d+: .*folder_deletion_wait_seconds must be 0 to 900");
    }

    @Test
    void aProjectWithoutKeyColumnsIsRefusedSayingWhy() throws Exception {
        Path project = project("""
                type: open_mirroring
                path: lake
                mirror_name: crm
                """);
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).isNotZero();
        assertThat(validate.out() + validate.err()).contains("option 'key_columns' is required")
                .contains("without them it cannot update or delete");
    }

    @Test
    void theOneLakeFormValidatesAndItsSecretIsNeverShown() throws Exception {
        Path project = project("""
                type: open_mirroring
                account_url: https://onelake.dfs.fabric.microsoft.com
                filesystem: Sales
                mirror_name: CrmMirror
                key_columns: [id]
                credential: service_principal
                tenant_id: t
                client_id: c
                client_secret: hunter2-very-secret
                """);
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
        CliTest.Run debug = CliTest.hygge("debug", "--project", project.toString());
        assertThat(debug.out() + debug.err()).doesNotContain("hunter2-very-secret");
    }
}
