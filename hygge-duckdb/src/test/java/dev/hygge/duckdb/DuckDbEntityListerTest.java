package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import dev.hygge.Hygge;
import dev.hygge.RunResult;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entities: "*"} on a duckdb Home lists the tables and views of its schema in a real database file. */
class DuckDbEntityListerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void database() {
        DuckDb.execute(dir.resolve("wh.duckdb"),
                "CREATE SCHEMA raw",
                "CREATE TABLE raw.orders AS SELECT range AS id FROM range(30)",
                "CREATE TABLE raw.customers AS SELECT range AS id FROM range(20)",
                "CREATE TABLE raw.tmp_load (id INTEGER)",
                "CREATE TABLE raw.hygge_state (k INTEGER)",   // where incremental loads keep their watermarks
                "CREATE TABLE raw.\"Zeta\" (id INTEGER)",
                "CREATE VIEW raw.big_orders AS SELECT * FROM raw.orders WHERE id >= 10",
                "CREATE TABLE main.settings (k VARCHAR)",
                "CREATE SCHEMA empty");
    }

    private Project project(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        return Project.load(dir);
    }

    private static List<String> entities(Project project) {
        return project.flows().stream().map(d -> d.entity().orElseThrow()).toList();
    }

    @Test
    void starListsTheSchemaNarrowedByGlobsAndRuns() throws IOException {
        Project project = project("""
                flows:
                  export:
                    home: {type: duckdb, path: wh.duckdb, table: "raw.{entity}"}
                    store: lake/
                    entities: "*"
                    exclude: ["tmp_*", "Z*"]
                """);
        assertThat(entities(project)).containsExactly("big_orders", "customers", "orders");
        FlowDefinition orders = project.select("export", "orders").get(0);
        assertThat(orders.home().options()).containsEntry("table", "raw.orders");
        try (Hygge hygge = Hygge.create()) {
            RunResult result = hygge.run(project);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.rowsWritten()).isEqualTo(20 + 20 + 30);
        }
        assertThat(dir.resolve("lake/customers")).isDirectory();
    }

    @Test
    void starThroughANamedConnectionListsMainAndKeepsTheOrderStable() throws IOException {
        String yaml = """
                connections:
                  warehouse: {type: duckdb, path: "${WH:-wh.duckdb}"}
                flows:
                  export:
                    home: {type: duckdb, connection: warehouse, table: "{entity}"}
                    store: lake/
                    entities: "*"
                """;
        assertThat(entities(project(yaml))).containsExactly("settings");
        Files.writeString(dir.resolve("hygge.yml"), yaml.replace("\"{entity}\"", "\"raw.{entity}\"")
                .replace("entities: \"*\"", "entities: \"*\"\n    include: [\"*o*\"]"));
        assertThat(entities(Project.load(dir))).containsExactly("big_orders", "customers", "orders", "tmp_load")
                .isEqualTo(entities(Project.load(dir)));
    }

    @Test
    void aTablePrefixIsStrippedFromTheEntities() throws IOException {
        DuckDb.execute(dir.resolve("wh.duckdb"), "CREATE TABLE raw.stg_a (x INT)", "CREATE TABLE raw.stg_b (x INT)");
        Project project = project("""
                flows:
                  f:
                    home: {type: duckdb, path: wh.duckdb, table: "raw.stg_{entity}"}
                    store: lake/
                    entities: "*"
                """);
        assertThat(entities(project)).containsExactly("a", "b");
        assertThat(project.select("f", "b").get(0).home().options()).containsEntry("table", "raw.stg_b");
    }

    @Test
    void aQueryOnlyHomeSaysStarNeedsATablePattern() throws IOException {
        assertThatThrownBy(() -> project("""
                flows:
                  f:
                    home: {type: duckdb, path: wh.duckdb, query: "SELECT * FROM raw.{entity}"}
                    store: lake/
                    entities: "*"
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("hygge.yml:5:5: cannot list the entities of flow 'f': entities: \"*\" lists the tables of the schema"
                        + " in the home's table pattern, but this duckdb home has only a query; add table: \"<schema>.{entity}\""
                        + " or list the entities by name: entities: [a, b]");
    }

    @Test
    void aMissingSchemaAFileThatIsNotThereAndAnEmptySchemaAreNamed() throws IOException {
        String yaml = """
                flows:
                  f:
                    home: {type: duckdb, path: wh.duckdb, table: "stage.{entity}"}
                    store: lake/
                    entities: "*"
                """;
        assertThatThrownBy(() -> project(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hygge.yml:5:5: cannot list the entities of flow 'f': DuckDB database ")
                .hasMessageEndingWith("wh.duckdb has no schema 'stage'; fix the home's table pattern 'stage.{entity}' or create"
                        + " the schema");
        assertThatThrownBy(() -> project(yaml.replace("wh.duckdb", "nope.duckdb"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hygge.yml:5:5:").hasMessageContaining("nope.duckdb, which does not exist");
        assertThatThrownBy(() -> project(yaml.replace("stage.", "empty."))).isInstanceOf(ConfigException.class)
                .hasMessage("hygge.yml:5:5: flow 'f' has no entities; check the home's folder or schema, or the globs");
    }

    @Test
    void theListerReadsWithoutWritingOrLockingTheFile() {
        DuckDbEntityLister lister = new DuckDbEntityLister();
        Map<String, Object> home = Map.of("path", dir.resolve("wh.duckdb").toString(), "table", "raw.{entity}");
        List<String> first = lister.entities(new dev.hygge.config.EntityLister.Source(home, java.util.Optional.empty()));
        assertThat(first).containsExactly("Zeta", "big_orders", "customers", "orders", "tmp_load");
        // the file is closed again: a writer can open it
        DuckDb.execute(dir.resolve("wh.duckdb"), "DROP TABLE raw.tmp_load");
        assertThat(lister.entities(new dev.hygge.config.EntityLister.Source(home, java.util.Optional.empty())))
                .containsExactly("Zeta", "big_orders", "customers", "orders");
    }
}
