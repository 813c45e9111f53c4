package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.testkit.TestKit;
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
        return TestKit.projectFails(dir, yaml, env, TestKit.plugins());
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
                "hygge.yml:4:1: unknown key 'flowz' in the project file; did you mean 'flows'? (valid keys: name, flows_dir, connections, options, flows, journal)",
                "hygge.yml:3:3: unknown key 'max_paralel_flows' in the project's options; did you mean 'max_parallel_flows'?"
                        + " (valid keys: max_parallel_flows, continue_on_error, queue_size, parallelism, lock_timeout, run_type, full_drop, retries, retry_delay)",
                "hygge.yml:6:42: unknown key 'option' in flow 'orders'; did you mean 'options'?"
                        + " (valid keys: name, home, store, entities, include, exclude, options, run_type, full_drop, watermark, journal)");
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
                    home: {type: generatd, rows: 5}
                    store: {type: snowflake, table: t}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:3:12: unknown Home type 'generatd'; did you mean 'generated'? known types: generated",
                "hygge.yml:4:13: unknown Store type 'snowflake'; known types: noop");
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
}
