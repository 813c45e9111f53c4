package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hygge.Flow;
import dev.hygge.Incremental;
import dev.hygge.ProjectFlows;
import dev.hygge.RunType;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Watermark;
import dev.hygge.testkit.ChangingTable;
import dev.hygge.testkit.ChangingTableHome;
import dev.hygge.testkit.GeneratedHomeFactory;
import dev.hygge.testkit.MemoryTable;
import dev.hygge.testkit.MemoryTableStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run_type, watermark, retries and journal in a project: where each is set, how it is inherited, mistakes with their line. */
class IncrementalConfigTest {
    @TempDir
    Path dir;

    private final Plugins plugins = Plugins.builder().home(new ChangingTableHome.Factory(new ChangingTable()))
            .home(new GeneratedHomeFactory()).store(new MemoryTableStore.Factory(new MemoryTable())).build();

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        return Project.load(dir, Map.<String, String>of()::get, plugins);
    }

    private List<String> problems(String yaml) {
        ProjectConfigException e = catchThrowableOfType(() -> {
            Project project = load(yaml);
            project.validate(plugins);
        }, ProjectConfigException.class);
        assertThat(e).as("problems expected").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static Map<String, Flow> flows(Project project) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        project.flows().forEach(d -> flows.put(d.label(), ProjectFlows.flow(d)));
        return flows;
    }

    @Test
    void runTypesAreInheritedEntityOverFlowOverProjectAndAStoreDecidesForItself() throws IOException {
        Project project = load("""
                options: {run_type: incremental, retries: 5, retry_delay: 500ms}
                flows:
                  orders:
                    home: {type: changing}
                    store: {type: memory}
                    watermark: {watermark_column: updated_at, primary_key: id, lookback: 2h}
                  counted:
                    home: {type: changing}
                    store: {type: memory, incremental: false}
                    watermark: {watermark_column: id, primary_key: [id, name], lookback: 1000}
                  legacy:
                    home: {type: changing}
                    store: {type: memory}
                    full_drop: true
                    options: {retries: 0, retry_delay: 0}
                  crm:
                    home: {type: changing}
                    store: {type: memory}
                    watermark: {watermark_column: updated_at}
                    entities:
                      - a
                      - {name: b, run_type: full_drop, watermark: {include_nulls: true, lookback: 3d}}
                """);
        project.validate(plugins);
        Map<String, Flow> flows = flows(project);

        assertThat(flows.get("orders").runType()).isEqualTo(RunType.INCREMENTAL);
        assertThat(flows.get("orders").watermark()).contains(Incremental.on("updated_at").primaryKey("id")
                .lookback(Duration.ofHours(2)));
        assertThat(flows.get("orders").retries()).isEqualTo(5);
        assertThat(flows.get("orders").retryDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(flows.get("counted").runType()).as("the Store's incremental: false").isEqualTo(RunType.FULL_DROP);
        assertThat(flows.get("counted").watermark().get().lookback()).contains(Watermark.Lookback.of(1000));
        assertThat(flows.get("counted").watermark().get().primaryKey()).containsExactly("id", "name");
        assertThat(flows.get("legacy").runType()).isEqualTo(RunType.FULL_DROP);
        assertThat(flows.get("legacy").watermark()).isEmpty();
        assertThat(flows.get("legacy").retries()).isZero();
        assertThat(flows.get("crm/a").runType()).isEqualTo(RunType.INCREMENTAL);
        assertThat(flows.get("crm/a").watermark()).contains(Incremental.on("updated_at"));
        assertThat(flows.get("crm/b").runType()).isEqualTo(RunType.FULL_DROP);
        assertThat(flows.get("crm/b").watermark()).as("the entity's keys over the flow's")
                .contains(Incremental.on("updated_at").includeNulls(true).lookback(Duration.ofDays(3)));
        assertThat(project.notes()).anySatisfy(n -> assertThat(n).isEqualTo(
                "hygge.yml:14:5: 'full_drop: true' is the original hygge's; write run_type: full_drop"));
        assertThat(project.flows().get(1).store().options()).as("incremental: is the engine's, not the plugin's")
                .doesNotContainKey("incremental");
    }

    @Test
    void aFlowWithAWatermarkIsJournaledBesideItsStoreOrWhereTheJournalSays() throws IOException {
        Project project = load("""
                journal: {path: journals/}
                flows:
                  plain: {home: {type: changing}, store: {type: memory}}
                  watched: {home: {type: changing}, store: {type: memory}, watermark: {watermark_column: id}}
                  own:
                    home: {type: changing}
                    store: {type: memory}
                    journal: {path: audit/runs.parquet}
                """);
        Map<String, Path> journals = new LinkedHashMap<>();
        project.flows().forEach(d -> journals.put(d.label(), d.run().journal().orElse(null)));

        assertThat(journals).containsEntry("plain", dir.resolve("journals/journal.parquet"))
                .containsEntry("watched", dir.resolve("journals/journal.parquet"))
                .containsEntry("own", dir.resolve("audit/runs.parquet"));

        Project bare = load("flows: {a: {home: {type: changing}, store: {type: memory}, watermark: {watermark_column: id}},"
                + " b: {home: {type: changing}, store: {type: memory}}}\n");
        assertThat(bare.flows().get(0).run().journal()).as("no path to be beside: the project's folder")
                .contains(dir.resolve(".hygge/journal/journal.parquet"));
        assertThat(bare.flows().get(1).run().journal()).as("no watermark, no journal: setting").isEmpty();
    }

    @Test
    void theCommandLineDecidesForOneRunAndIsCheckedLikeTheFile() throws IOException {
        Project project = load("""
                flows:
                  orders: {home: {type: changing}, store: {type: memory}, watermark: {watermark_column: id}}
                  plain: {home: {type: generated}, store: {type: memory}}
                """);
        List<FlowDefinition> incremental = ProjectFlows.runType(project.select("orders", null), true);
        assertThat(ProjectFlows.flows(project, incremental, plugins).get(0).runType()).isEqualTo(RunType.INCREMENTAL);

        ProjectConfigException e = catchThrowableOfType(() -> ProjectFlows.flows(project,
                ProjectFlows.runType(project.flows(), true), plugins), ProjectConfigException.class);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:3:3: flow 'plain' is incremental but has no watermark: add watermark: {watermark_column: <column>,"
                        + " primary_key: <column>}, or run it full");
    }

    @Test
    void mistakesAreReportedAtTheirLinesAllAtOnce() {
        assertThat(problems("""
                options:
                  run_type: sometimes
                flows:
                  a:
                    home: {type: changing}
                    store: {type: memory}
                    run_type: incremental
                  b:
                    home: {type: changing}
                    store: {type: memory, incremental: maybe}
                    watermark: {primary_key: id, lookback: soon, include_nulls: 1, colum: x}
                  c:
                    home: {type: changing}
                    store: {type: memory}
                    full_drop: 2
                    options: {retry_delay: 1h, retries: -1}
                    journal: {location: lake}
                """)).containsExactly(
                "hygge.yml:2:3: 'run_type' must be full_drop or incremental, not text 'sometimes'",
                "hygge.yml:7:5: flow 'a' is incremental but has no watermark: add watermark: {watermark_column: <column>,"
                        + " primary_key: <column>}",
                "hygge.yml:10:27: 'incremental' of the store must be true or false, not text 'maybe'",
                "hygge.yml:11:68: unknown key 'colum' in the watermark of flow 'b' (valid keys: primary_key, watermark_column,"
                        + " lookback, include_nulls)",
                "hygge.yml:11:5: the watermark of flow 'b' has no watermark_column: name the column whose greater values are new"
                        + " rows, such as watermark_column: updated_at",
                "hygge.yml:11:34: 'lookback' must be a count of values (1000) for an integer column or a duration (2h, 3d, PT30M)"
                        + " for a date or timestamp column, not text 'soon'",
                "hygge.yml:11:50: 'include_nulls' must be true or false, not a number '1'",
                "hygge.yml:16:32: 'retries' is -1, out of range: use a whole number from 0 to 100",
                "hygge.yml:16:15: 'retry_delay' is 1h, more than the 5m a wait between attempts may be",
                "hygge.yml:15:5: 'full_drop' must be true or false, not a number '2'",
                "hygge.yml:17:15: 'location' of the journal of flow 'c' must be store or home, not 'lake'");
    }

    @Test
    void whatAnIncrementalFlowNeedsOfItsPluginsIsCheckedBeforeItRuns() {
        assertThat(problems("""
                flows:
                  generated:
                    home: {type: generated}
                    store: {type: memory}
                    run_type: incremental
                    watermark: {watermark_column: id}
                  merged:
                    home: {type: changing}
                    store: {type: memory, merge_on: id}
                    run_type: incremental
                    watermark: {watermark_column: id}
                """)).containsExactly(
                "hygge.yml:3:12: Home 'generated' cannot read incrementally (flow 'generated' is incremental at hygge.yml:5:5);"
                        + " run it with run_type: full_drop, or use a Home that can",
                "hygge.yml:11:5: Store 'memory' of flow 'merged' merges on a key, so the incremental flow needs"
                        + " watermark.primary_key: the column(s) that identify a row");
    }
}
