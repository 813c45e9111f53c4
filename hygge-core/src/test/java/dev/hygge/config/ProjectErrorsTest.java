package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake a user can make is reported with its file and line, what is wrong and what to do, and no secret. */
class ProjectErrorsTest {
    @TempDir
    Path dir;

    private ProjectConfigException fails(String yaml) throws IOException {
        return fails(yaml, Map.of());
    }

    private ProjectConfigException fails(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                Project.load(dir, env::get).validate(OptionsOnlyFactories.plugins()));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        return (ProjectConfigException) thrown;
    }

    @Test
    void invalidYamlNamesFileAndLine() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  orders:
                    home: [landing
                    store: lake
                """);
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).startsWith("hygge.yml:4:").contains("invalid YAML");
    }

    @Test
    void unknownProjectKeysSuggestTheClosest() throws IOException {
        ProjectConfigException e = fails("""
                name: p
                options:
                  max_paralel_flows: 4
                flowz: {}
                flows:
                  orders: {home: a.parquet, store: lake, option: {queue_size: 2}}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:4:1: unknown key 'flowz' in the project file; did you mean 'flows'? (valid keys: name, flows_dir, connections, options, flows)",
                "hygge.yml:3:3: unknown key 'max_paralel_flows' in the project's options; did you mean 'max_parallel_flows'?"
                        + " (valid keys: max_parallel_flows, continue_on_error, queue_size, parallelism, lock_timeout)",
                "hygge.yml:6:42: unknown key 'option' in flow 'orders'; did you mean 'options'?"
                        + " (valid keys: name, home, store, entities, include, exclude, options)");
    }

    @Test
    void unknownPluginOptionSuggestsTheClosestFromTheTypedOptionsClass() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  events:
                    home: landing/events
                    store:
                      type: parquet
                      path: lake/events
                      compresion: zstd
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:7:7: unknown key 'compresion' in the store of flow 'events' (type parquet);"
                + " did you mean 'compression'? (valid keys: compression, file_pattern, path, rows_per_file, type)");
    }

    @Test
    void unknownNestedOptionNamesItsOwnLine() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: {type: mssql, connection: w, table: t}
                    store:
                      type: mssql
                      connection: w
                      table: t
                      schema_inference:
                        sample_batch: 5
                """);
        assertThat(e.getMessage()).startsWith("hygge.yml:11:9: unknown key 'sample_batch'").contains("did you mean 'sample_batches'?");
    }

    @Test
    void wrongTypesNameTheKeyTheExpectedKindAndTheLine() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  f:
                    home: {type: parquet, path: x, batch_size: lots}
                    store: {type: parquet, path: y, compression: brotli}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:3:36: 'batch_size' of the home of flow 'f' must be a whole number, not 'lots'",
                "hygge.yml:4:37: 'compression' of the store of flow 'f' must be one of snappy, zstd, gzip, none, not 'brotli'");
    }

    @Test
    void wrongTypesOfProjectSettings() throws IOException {
        ProjectConfigException e = fails("""
                options:
                  continue_on_error: sometimes
                  queue_size: [1]
                flows: {f: {home: x.parquet, store: y, entities: orders}}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:2:3: 'continue_on_error' must be true or false, not text 'sometimes'",
                "hygge.yml:3:3: 'queue_size' must be a whole number from 0 to 10000, not a list",
                "hygge.yml:4:40: 'entities' of flow 'f' is a list of names ([a, b]) or \"*\" (every entity the home offers),"
                        + " not text 'orders'");
    }

    @Test
    void valuesOutOfRange() throws IOException {
        ProjectConfigException e = fails("""
                options: {max_parallel_flows: 0}
                flows:
                  f:
                    home: x.parquet
                    store: y
                    options:
                      queue_size: -1
                      parallelism: 100000
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:1:11: 'max_parallel_flows' is 0, out of range: use a whole number from 1 to 1024",
                "hygge.yml:7:7: 'queue_size' is -1, out of range: use a whole number from 0 to 10000",
                "hygge.yml:8:7: 'parallelism' is 100000, out of range: use a whole number from 0 to 1024");
    }

    @Test
    void unknownHomeAndStoreTypesListTheKnownOnes() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  f:
                    home: {type: parqet, path: x}
                    store: {type: snowflake, table: t}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:3:12: unknown Home type 'parqet'; did you mean 'parquet'? known types: mssql, parquet",
                "hygge.yml:4:13: unknown Store type 'snowflake'; known types: mssql, parquet, table");
    }

    @Test
    void undefinedConnectionName() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  warehouse: {type: mssql, server: s}
                flows:
                  f:
                    home: {type: mssql, connection: warehose, table: t}
                    store: lake
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:5:25: connection 'warehose' used by the home of flow 'f' is not defined;"
                + " did you mean 'warehouse'? defined connections: warehouse");
    }

    @Test
    void missingEnvironmentVariableNamesTheVariableAndTheLine() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  warehouse:
                    type: mssql
                    server: ${SQL_SERVER}
                    database: ${SQL_DATABASE:-analytics}
                flows:
                  f: {home: x.parquet, store: y}
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:4:5: environment variable SQL_SERVER is not set; set it, or give a default"
                + " as ${SQL_SERVER:-default}");
    }

    @Test
    void problemsInFlowAndEntityFilesNameThoseFiles() throws IOException {
        Path flow = Files.createDirectories(dir.resolve("flows/crm"));
        Files.createDirectories(flow.resolve("entities"));
        Files.writeString(flow.resolve("flow.yml"), """
                home: {type: mssql, connection: w, table: "crm.{entity}"}
                store: {type: parquet, path: lake}
                """);
        Files.writeString(flow.resolve("entities/Account.yml"), """
                name: Account
                store: {compresion: zstd}
                """);
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                """);
        assertThat(e.getMessage()).startsWith("flows/crm/entities/Account.yml:2:9: unknown key 'compresion'")
                .contains("did you mean 'compression'?");
    }

    @Test
    void secretsNeverAppearInErrors() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w:
                    type: mssql
                    server: s
                    password: [hunter2]
                  v:
                    type: mssql
                    client_secret: hunter3
                flows:
                  f: {home: x.parquet, store: y}
                """);
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("hunter3")
                .contains("hygge.yml:5:5: 'password' of the connection 'w' must be text, not ****")
                .contains("hygge.yml:8:5: unknown key 'client_secret'");
    }

    @Test
    void noProjectFileSaysHowToMakeOne() {
        assertThatThrownBy(() -> Project.discover(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("No hygge.yml in " + dir.toAbsolutePath().normalize())
                .hasMessageContaining("hygge init NAME");
    }

    @Test
    void selectingAnUnknownFlowOrEntitySuggests() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  orders: {home: in/, store: out/, entities: [eu, us]}
                """);
        Project project = Project.load(dir);
        assertThatThrownBy(() -> project.select("order", null)).hasMessage(
                "No flow 'order' in hygge.yml; did you mean 'orders'? (flows: orders)");
        assertThatThrownBy(() -> project.select("orders", "uk")).hasMessageContaining("No entity 'uk' in flow 'orders'")
                .hasMessageContaining("(entities: eu, us)");
    }

    @Test
    void starOnAHomeThatCannotListEntitiesSaysWhatToDo() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: {type: mssql, connection: w, table: "crm.{entity}"}
                    store: lake
                    entities: "*"
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:7:5: entities: \"*\" needs a plugin that lists the entities of a 'mssql'"
                + " home, and none is installed; list the entities of flow 'f' by name: entities: [a, b]");
    }

    @Test
    void starThroughAnUndefinedConnectionNamesItsLine() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  warehouse: {type: catalog, tables: "crm.a"}
                flows:
                  f:
                    home: {type: catalog, connection: warehous, table: "crm.{entity}"}
                    store: lake
                    entities: "*"
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:5:27: entities: \"*\" lists the tables through connection 'warehous'"
                + " of the home of flow 'f', which is not defined; did you mean 'warehouse'? defined connections: warehouse");
    }

    @Test
    void starWhenTheListerFailsNamesTheLineAndHidesSecrets() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  warehouse: {type: catalog, tables: "", password: "${PW}"}
                flows:
                  f:
                    home: {type: catalog, connection: warehouse, table: "crm.{entity}"}
                    store: lake
                    entities: "*"
                """, Map.of("PW", "hunter2"));
        assertThat(e.getMessage()).isEqualTo("hygge.yml:7:5: cannot list the entities of flow 'f': schema 'crm' does not exist")
                .doesNotContain("hunter2");
    }

    @Test
    void starWithNoTableLeftAfterTheGlobsSaysSo() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  warehouse: {type: catalog, tables: "crm.a,crm.b"}
                flows:
                  f:
                    home: {type: catalog, connection: warehouse, table: "crm.{entity}"}
                    store: lake
                    entities: "*"
                    include: ["z*"]
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:7:5: flow 'f' has no entities left after include/exclude; check the"
                + " home's folder or schema, or the globs");
    }

    @Test
    void pluginValueChecksRunUpFrontWithTheStoresLine() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: x.parquet
                    store:
                      type: mssql
                      connection: w
                      table: t
                      batch_size: 0
                """);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:10:7: the store of flow 'f' (type mssql): batch_size must be at least 1, not 0");
    }

    /**
     * Issue 11: values Jackson cannot bind and values the factory's validate refuses are all reported
     * in one pass, each at its own key, nested keys included; a key left out because it could not be
     * bound does not also report its default.
     */
    @Test
    void everyValueProblemOfAStoreIsReportedAtItsOwnKey() throws IOException {
        ProjectConfigException e = fails("""
                connections:
                  w: {type: mssql, server: s}
                flows:
                  f:
                    home: x.parquet
                    store:
                      type: mssql
                      connection: w
                      table: t
                      if_exists: upsert
                      write_strategy: mrge
                      batch_size: 0
                      schema_inference:
                        sample_batches: 0
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:10:7: 'if_exists' of the store of flow 'f' must be one of append, replace, truncate, fail, not 'upsert'",
                "hygge.yml:11:7: 'write_strategy' of the store of flow 'f' must be one of temp_swap, direct_insert, merge, not 'mrge'",
                "hygge.yml:12:7: the store of flow 'f' (type mssql): batch_size must be at least 1, not 0",
                "hygge.yml:14:9: the store of flow 'f' (type mssql): schema_inference.sample_batches must be at least 1, not 0");
    }
}
