package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original hygge's keys that are no plugin's business: read as this project's, or accepted and
 * ignored where the original ignored them, each with one note naming file:line, the old key and
 * the new; and an entity's Home path read relative to its flow's, as the original read it.
 */
class OriginalKeysTest {
    @TempDir
    Path dir;

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        return Project.load(dir, Map.<String, String>of()::get);
    }

    @Test
    void anEntitysRelativeHomePathIsUnderItsFlowsPath() throws IOException {
        Project project = load("""
                flows:
                  crm:
                    home: {type: parquet, path: data/source/}
                    store: {type: parquet, path: lake}
                    entities:
                      - name: accounts
                        home: {path: accounts}
                      - name: contacts
                        home: {path: /elsewhere/contacts}
                """);
        assertThat(project.flows().get(0).home().options()).containsEntry("path", dir.resolve("data/source/accounts").toString());
        assertThat(project.flows().get(1).home().options()).containsEntry("path", "/elsewhere/contacts");
    }

    @Test
    void theOriginalsProjectOptionsAreReadWithOneNoteEach() throws IOException {
        Project project = load("""
                options:
                  concurrency: 3
                  log_level: DEBUG
                flows:
                  f: {home: a.parquet, store: lake, timeout: 600}
                """);
        assertThat(project.options().maxParallelFlows()).isEqualTo(3);
        assertThat(project.notes()).containsExactly(
                "hygge.yml:2:3: 'concurrency' is the original hygge's name; write max_parallel_flows",
                "hygge.yml:3:3: 'log_level' is accepted and ignored (the original's logging level); use --verbose for more output",
                "hygge.yml:5:37: 'timeout' of flow 'f' is accepted and ignored (the original's operation timeout); "
                        + "hygge has no flow timeout: set lock_timeout or the Home's and Store's own timeouts");
    }

    @Test
    void concurrencyBesideMaxParallelFlowsSaysWhichToKeep() {
        Throwable e = catchThrowable(() -> load("""
                options: {concurrency: 3, max_parallel_flows: 2}
                flows: {f: {home: a.parquet, store: lake}}
                """));
        assertThat(e).isInstanceOf(ProjectConfigException.class)
                .hasMessageContaining("hygge.yml:1:11: 'concurrency' and 'max_parallel_flows' are the same setting; keep max_parallel_flows");
    }

    @Test
    void anEntitysColumnsAndSourceConfigAreAcceptedAndIgnoredWithOneNote() throws IOException {
        Project project = load("""
                flows:
                  f:
                    home: landing/
                    store: lake
                    entities:
                      - name: a
                        columns: [id, name]
                        source_config: {schema: dbo}
                      - name: b
                        columns: [id]
                """);
        assertThat(project.flows()).hasSize(2);
        assertThat(project.notes()).containsExactly(
                "hygge.yml:7:9: 'columns' and 'source_config' of an entity are accepted and ignored, as the original ignored them;"
                        + " to read some columns, write them in the Home (home: {columns: [...]}) or its query");
    }

    @Test
    void aConnectionsPoolIsItsPoolSize() throws IOException {
        Project project = load("""
                connections:
                  db: {type: mssql, server: s, database: d, pool: {min_size: 1, max_size: 6}}
                flows: {f: {home: a.parquet, store: lake}}
                """);
        assertThat(project.connections().get(0).spec().options()).containsEntry("pool_size", 6).doesNotContainKey("pool");
        assertThat(project.notes()).containsExactly("hygge.yml:2:45: 'pool: {min_size, max_size}' of connection 'db' is the"
                + " original hygge's; write pool_size: 6 (connections are opened as needed up to it; min_size is not kept)");
    }

    @Test
    void aSingleFileProjectIsFoundInItsFolder() throws IOException {
        Files.writeString(dir.resolve("minimal_flow.yaml"), "flows: {minimal_flow: {home: data/source.parquet, store: data/destination}}\n");
        Files.writeString(dir.resolve("notes.yml"), "not: a project\n");
        Project project = Project.load(dir, Map.<String, String>of()::get);
        assertThat(project.file()).isEqualTo(dir.resolve("minimal_flow.yaml").toAbsolutePath().normalize());
        assertThat(project.flowNames()).containsExactly("minimal_flow");
    }

    @Test
    void twoSingleFileProjectsInAFolderAreNamed() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "flows: {a: {home: x.parquet, store: lake}}\n");
        Files.writeString(dir.resolve("b.yaml"), "flows: {b: {home: x.parquet, store: lake}}\n");
        assertThat(catchThrowable(() -> Project.load(dir))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a.yml, b.yaml").hasMessageContaining("--project");
    }
}
