package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.ProjectFlows;
import dev.hygge.spi.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects over the real parquet plugin, found by discovery as {@code Project.load} finds it: entities: "*"
 * over real folders (unusable names are errors, exclude: leaves them out), glob characters escaped, a
 * trailing {@code /{entity}} left to the plugin. Moved from hygge-core's config tests when the rules
 * moved behind {@link dev.hygge.spi.SupportsEntities} and {@link EntityLister}.
 */
class ParquetDiscoveredEntitiesTest {
    @TempDir
    Path dir;

    private void folders(String... names) throws IOException {
        for (String name : names) {
            Files.createDirectories(dir.resolve("landing").resolve(name));
        }
    }

    /** Writes {@code yaml} as the project file, loads it and validates it against the discovered (real parquet) factories. */
    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Project project = Project.load(dir, Map.<String, String>of()::get);
        project.validate(Plugins.discover());
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
        assertThat(ProjectFlows.flow(byLabel.get("trailing/sales[2024]")).entity()).contains("sales[2024]");
        assertThat(byLabel.get("trailing/sales[2024]").store().options()).containsEntry("path", dir.resolve("lake") + "/");
    }
    @Test
    void starDiscoversEntityFoldersNarrowedByGlobs() throws Exception {
        for (String entity : List.of("dim_customer", "dim_product", "fact_sales", "tmp_scratch", "_staging")) {
            Files.createDirectories(dir.resolve("landing").resolve(entity));
        }
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  lake:
                    home: landing/
                    store: lake/
                    entities: "*"
                    include: ["dim_*", "fact_*"]
                    exclude: [dim_product]
                """);
        Project project = Project.load(dir);
        assertThat(project.flows()).extracting(d -> d.entity().orElseThrow()).containsExactly("dim_customer", "fact_sales");
        assertThat(project.select("lake", "fact_sales")).hasSize(1);
    }

    @Test
    void aTrailingEntityFolderIsLeftToTheParquetPluginNotDoubled() throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  copy:
                    home: {type: parquet, path: "landing/{entity}/"}
                    store: {type: parquet, path: "lake/{entity}", file_pattern: "{entity}_{sequence}.parquet"}
                    entities: [a]
                """);
        FlowDefinition a = Project.load(dir).flows().get(0);
        Path root = dir.toAbsolutePath().normalize();
        assertThat(a.home().options()).containsEntry("path", root.resolve("landing").toString()).containsEntry("entity", "a");
        assertThat(a.store().options()).containsEntry("path", root.resolve("lake").toString())
                .containsEntry("file_pattern", "a_{sequence}.parquet");
    }

    @Test
    void starOnAMissingFolderNamesIt() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  f: {home: landing/, store: lake/, entities: "*"}
                """);
        Throwable e = catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get));
        assertThat(e).isInstanceOf(ProjectConfigException.class);
        assertThat(e.getMessage()).isEqualTo("hygge.yml:2:37: cannot list the entities of flow 'f': " + dir.resolve("landing")
                + " is not a folder; create it or fix the home's path");
    }

}
