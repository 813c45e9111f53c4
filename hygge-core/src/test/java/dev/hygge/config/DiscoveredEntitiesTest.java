package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entities: "*" over real folders: unusable names are errors (exclude: leaves them out), glob characters are escaped. */
class DiscoveredEntitiesTest {
    @TempDir
    Path dir;

    private void folders(String... names) throws IOException {
        for (String name : names) {
            Files.createDirectories(dir.resolve("landing").resolve(name));
        }
    }

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Project project = Project.load(dir, Map.<String, String>of()::get);
        project.validate(OptionsOnlyFactories.plugins());
        return project;
    }

    @Test
    void foldersWhoseNamesCannotBeEntitiesAreErrorsNamingThemAllAtOnce() throws IOException {
        folders("orders", "orders ", " padded", "tab\there", "new\nline", ".hidden", "_staging");
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  f:
                    home: landing/
                    store: lake/
                    entities: "*"
                """);
        Throwable thrown = catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        String tail = "; entity names become folder, file and table names: rename it, or add it to exclude: to leave it out";
        assertThat(((ProjectConfigException) thrown).problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "hygge.yml:5:5: entities: \"*\" of flow 'f' found ' padded', whose name has leading spaces" + tail,
                "hygge.yml:5:5: entities: \"*\" of flow 'f' found 'new\\nline', whose name holds a control character (a newline, \\n)"
                        + tail,
                "hygge.yml:5:5: entities: \"*\" of flow 'f' found 'orders ', whose name has trailing spaces" + tail,
                "hygge.yml:5:5: entities: \"*\" of flow 'f' found 'tab\\there', whose name holds a control character (a TAB, \\t)"
                        + tail);
    }

    @Test
    void excludeLeavesThemOutAndTheRestLoad() throws IOException {
        folders("orders", "orders ", "tab\there");
        Project project = load("""
                flows:
                  f: {home: landing/, store: lake/, entities: "*", exclude: ["orders ", "tab*"]}
                """);
        assertThat(project.flows()).extracting(FlowDefinition::label).containsExactly("f/orders");
    }

    @Test
    void tablesAListerFindsAreCheckedByTheSameRules() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                connections:
                  warehouse: {type: catalog, tables: "crm.orders,crm.a/b,crm.x ,crm.nul\\0,crm.keep"}
                flows:
                  f:
                    home: {type: catalog, connection: warehouse, table: "crm.{entity}"}
                    store: lake/
                    entities: "*"
                    exclude: [keep]
                """);
        Throwable thrown = catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        assertThat(((ProjectConfigException) thrown).problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:7:5: entities: \"*\" of flow 'f' found 'a/b', whose name holds a path separator (/); entity names become"
                        + " folder, file and table names: rename it, or add it to exclude: to leave it out",
                "hygge.yml:7:5: entities: \"*\" of flow 'f' found 'nul\\0', whose name holds a control character (a NUL, \\0);"
                        + " entity names become folder, file and table names: rename it, or add it to exclude: to leave it out",
                "hygge.yml:7:5: entities: \"*\" of flow 'f' found 'x ', whose name has trailing spaces; entity names become folder,"
                        + " file and table names: rename it, or add it to exclude: to leave it out");
    }

    @Test
    void globCharactersOfRealFolderNamesAreEscapedWhereTheHomeReadsAGlob() throws IOException {
        folders("orders", "sales[2024]", "a{b}");
        Project project = load("""
                flows:
                  trailing: {home: "landing/{entity}", store: lake/, entities: "*"}
                  pattern: {home: "landing/{entity}/*.parquet", store: lake2/, entities: "*"}
                """);
        Path landing = dir.resolve("landing");
        Map<String, FlowDefinition> byLabel = new java.util.HashMap<>();
        project.flows().forEach(d -> byLabel.put(d.label(), d));
        assertThat(byLabel.get("trailing/orders").home().options()).containsEntry("path", landing.toString())
                .containsEntry("entity", "orders");
        assertThat(byLabel.get("trailing/sales[2024]").home().options()).containsEntry("path", landing + "/sales\\[2024\\]/**")
                .doesNotContainKey("entity");
        assertThat(byLabel.get("trailing/a{b}").home().options()).containsEntry("path", landing + "/a\\{b\\}/**");
        assertThat(byLabel.get("pattern/sales[2024]").home().options()).containsEntry("path", landing + "/sales\\[2024\\]/*.parquet");
        // the Store gets the name itself: its folder is named as the source's
        assertThat(byLabel.get("trailing/sales[2024]").toFlow().entity()).contains("sales[2024]");
        assertThat(byLabel.get("trailing/sales[2024]").store().options()).containsEntry("path", dir.resolve("lake") + "/");
    }
}
