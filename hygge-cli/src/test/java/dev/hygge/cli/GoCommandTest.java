package dev.hygge.cli;

import static dev.hygge.cli.CliTest.hygge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's CLI on the sample project with the real parquet plugin: {@code go} and its flags, the Done line, init's flags. */
class GoCommandTest {
    @TempDir
    Path tmp;

    private Path init(String name, String... more) {
        Run init = hygge(Stream.concat(Stream.of("init", name, "--project", tmp.toString(), "--rows", "300"), Stream.of(more))
                .toArray(String[]::new));
        assertThat(init.exit()).as(init.err()).isZero();
        return tmp.resolve(name);
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length())).sorted().toList();
        }
    }

    private static boolean hasParquet(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".parquet"));
        }
    }

    @Test
    void goRunsTheProjectAsStartDoesAndEndsWithTheOriginalsDoneLine() throws IOException {
        Path project = init("sales");
        Run go = hygge("go", "--project", project.toString());
        assertThat(go.exit()).as(go.out() + go.err()).isZero();
        assertThat(go.out()).contains("3 of 3 flows succeeded: 900 rows").contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3");
        assertThat(go.out().indexOf("Done.")).isGreaterThan(go.out().indexOf("3 of 3 flows succeeded"));
        for (String entity : InitCommand.SAMPLE_ENTITIES) {
            assertThat(hasParquet(project.resolve("data/lake").resolve(entity))).isTrue();
        }
        Run start = hygge("start", "--project", project.toString());
        assertThat(start.out()).contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3");
    }

    @Test
    void anEntityWithoutRowsIsSkipAndAFailedOneIsError() throws IOException {
        Run init = hygge("init", "mixed", "--project", tmp.toString(), "--rows", "0");
        assertThat(init.exit()).as(init.err()).isZero();
        Path project = tmp.resolve("mixed");
        Files.writeString(project.resolve("data/landing/orders").resolve("bad.parquet"), "not parquet");
        Run go = hygge("go", "--project", project.toString());
        assertThat(go.exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        assertThat(go.out()).contains("Done. PASS=0 WARN=0 ERROR=1 SKIP=2 TOTAL=3");
    }

    @Test
    void flowsRepeatedOrCommaListedAndEntitiesAsFlowDotEntity() throws IOException {
        Path project = init("pick");
        Run one = hygge("go", "--project", project.toString(), "-e", "landing_to_lake.orders");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains("TOTAL=1");
        assertThat(hasParquet(project.resolve("data/lake/orders"))).isTrue();
        assertThat(hasParquet(project.resolve("data/lake/customers"))).isFalse();

        Run two = hygge("go", "--project", project.toString(), "--entity", "landing_to_lake.customers,landing_to_lake.products");
        assertThat(two.out()).contains("PASS=2", "TOTAL=2");
        Run bare = hygge("go", "--project", project.toString(), "-f", "landing_to_lake", "-e", "orders");
        assertThat(bare.out()).contains("landing_to_lake/orders", "TOTAL=1");

        Run flows = hygge("go", "--project", project.toString(), "-f", "landing_to_lake,landing_to_lake", "--flow", "landing_to_lake");
        assertThat(flows.out()).contains("TOTAL=3");

        Run typo = hygge("go", "--project", project.toString(), "-f", "landing_to_lak");
        assertThat(typo.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(typo.err()).contains("No flow 'landing_to_lak'", "did you mean 'landing_to_lake'?");
        Run badEntity = hygge("go", "--project", project.toString(), "-e", "landing_to_lake.");
        assertThat(badEntity.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(badEntity.err()).contains("write flow.entity");
        Run noEntity = hygge("go", "--project", project.toString(), "-e", "landing_to_lake.ordres");
        assertThat(noEntity.err()).contains("No entity 'ordres'", "did you mean 'orders'?");
    }

    @Test
    void dryRunPrintsOneLinePerEntityFromThePlannerAndWritesNothing() throws IOException {
        Path project = init("dry");
        List<String> before = tree(project);
        Run dry = hygge("go", "--project", project.toString(), "--dry-run");
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("landing_to_lake/customers  parquet → parquet (full_drop)",
                "landing_to_lake/orders", "landing_to_lake/products", "Dry run: 3 planned.");
        Run verbose = hygge("go", "--project", project.toString(), "--dry-run", "--verbose", "-e", "landing_to_lake.orders");
        assertThat(verbose.out()).contains("columns:", "split");
        assertThat(tree(project)).isEqualTo(before);            // no lake, no .hygge/runs, no journal

        Files.writeString(project.resolve("data/landing/orders").resolve("bad.parquet"), "not parquet");
        Run broken = hygge("go", "--project", project.toString(), "--dry-run", "-e", "landing_to_lake.orders");
        assertThat(broken.exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        assertThat(broken.out()).contains("landing_to_lake/orders  parquet → parquet (full_drop): cannot be planned");

        assertThat(hygge("go", "--project", project.toString()).exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        Run again = hygge("go", "--project", project.toString(), "--failed", "--dry-run");
        assertThat(again.out()).contains("dry run of 1 flow", "landing_to_lake/orders").doesNotContain("landing_to_lake/customers");
    }

    @Test
    void varOverridesReachTheFlowAndUnknownNamesAreErrors() throws IOException {
        Path project = init("vars");
        Run moved = hygge("go", "--project", project.toString(), "-e", "landing_to_lake.orders",
                "--var", "flow.landing_to_lake.store.path=elsewhere", "--var", "flow.landing_to_lake.store.compression=snappy");
        assertThat(moved.exit()).as(moved.out() + moved.err()).isZero();
        assertThat(hasParquet(project.resolve("elsewhere/orders"))).isTrue();
        assertThat(project.resolve("data/lake")).doesNotExist();

        Run runType = hygge("go", "--project", project.toString(), "--dry-run", "--var", "flow.landing_to_lake.run_type=incremental");
        assertThat(runType.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);     // incremental needs a watermark: the override reached it
        assertThat(runType.err()).containsIgnoringCase("watermark");

        Run flow = hygge("go", "--project", project.toString(), "--var", "flow.landing_to_lak.store.path=x");
        assertThat(flow.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(flow.err()).contains("--var flow.landing_to_lak.store.path=x", "did you mean 'landing_to_lake'?");
        Run field = hygge("go", "--project", project.toString(), "--var", "flow.landing_to_lake.stor.path=x");
        assertThat(field.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(field.err()).contains("has no field 'stor.path'", "store.<key>");
        Run key = hygge("go", "--project", project.toString(), "--var", "flow.landing_to_lake.store.compresion=zstd");
        assertThat(key.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(key.err()).contains("--var flow.landing_to_lake.store.compresion=zstd", "compression");
        // the original's --var had no entity-level path (its overrides went to every entity of the flow)
        for (String entityPath : List.of("flow.landing_to_lake.entities.orders.store.path=x",
                "flow.landing_to_lake.orders.store.path=x", "flow.landing_to_lake/orders.store.path=x")) {
            Run entity = hygge("go", "--project", project.toString(), "--var", entityPath);
            assertThat(entity.exit()).as(entityPath).isEqualTo(HyggeCli.CONFIG_ERROR);
            assertThat(entity.err()).as(entityPath).contains("--var " + entityPath, "every entity of flow 'landing_to_lake'",
                    "-e landing_to_lake.orders --var flow.landing_to_lake.store.path=x");
        }
        Run syntax = hygge("go", "--project", project.toString(), "--var", "landing_to_lake.store.path");
        assertThat(syntax.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(syntax.err()).contains("flow.<flow_name>.<field>=value");
        assertThat(project.resolve("data/lake")).doesNotExist();
    }

    @Test
    void concurrencyAndRunTypeFlags() throws IOException {
        Path project = init("conc");
        Run one = hygge("go", "--project", project.toString(), "-c", "1", "--full-drop");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains("3 flows, 1 at a time", "TOTAL=3");
        Run zero = hygge("go", "--project", project.toString(), "--concurrency", "0");
        assertThat(zero.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(zero.err()).contains("--concurrency 0");
        Run both = hygge("go", "--project", project.toString(), "-i", "-d");
        assertThat(both.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        Run incremental = hygge("go", "--project", project.toString(), "-i");
        assertThat(incremental.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(incremental.err()).containsIgnoringCase("watermark");
    }

    @Test
    void anUnknownCommandSuggestsTheClosest() {
        Run strat = hygge("strat");
        assertThat(strat.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(strat.err()).contains("Unknown command 'strat'; did you mean 'start'?");
        assertThat(hygge("-p", tmp.toString(), "validte").err()).contains("did you mean 'validate'?");
        assertThat(hygge("xyzzy").err()).contains("Unknown command 'xyzzy'").doesNotContain("did you mean");
    }

    @Test
    void initTakesTheOriginalsFlowsDirAndForce() throws IOException {
        Path project = init("pipes", "--flows-dir", "pipelines");
        assertThat(project.resolve("pipelines/landing_to_lake/flow.yml")).exists();
        assertThat(Files.readString(project.resolve("hygge.yml"))).contains("flows_dir: pipelines");
        assertThat(hygge("go", "--project", project.toString()).out()).contains("PASS=3");

        Files.writeString(project.resolve("notes.txt"), "mine");
        Files.writeString(project.resolve(".gitignore"), "mine\n");
        Files.writeString(project.resolve("hygge.yml"), "name: edited\n");
        Run refused = hygge("init", "pipes", "--project", tmp.toString());
        assertThat(refused.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(refused.err()).contains("--force");
        Run forced = hygge("init", "pipes", "--project", tmp.toString(), "--force", "--flows-dir", "pipelines", "--no-data");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readString(project.resolve("hygge.yml"))).contains("name: pipes");
        assertThat(project.resolve("notes.txt")).hasContent("mine");
        assertThat(project.resolve(".gitignore")).hasContent("mine");
        assertThat(hygge("init", "x", "--project", tmp.toString(), "--flows-dir", "../out").exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
    }

    @Test
    void goPrintsTheProjectsDeprecationNotesOnceBeforeTheRun() throws IOException {
        Path project = init("old");
        Files.writeString(project.resolve("hygge.yml"), Files.readString(project.resolve("hygge.yml"))
                .replace("max_parallel_flows: 4", "max_parallel_entities: 2"));
        Run go = hygge("go", "--project", project.toString(), "--json");
        assertThat(go.exit()).as(go.err()).isZero();
        assertThat(go.err().split("note: hygge.yml:5:3: 'max_parallel_entities' is the original", -1)).hasSize(2);
        assertThat(go.err()).contains("2 at a time");
        assertThat(RunReport.JSON.readTree(go.out()).get("status").asText()).isEqualTo("succeeded");   // stdout is the JSON only
    }

    @Test
    void badRowsSkippedAreWarnAndPrintedUnderTheSummaryAndKeptInTheRecordAndTheJournal() throws IOException {
        Path project = tmp.resolve("csv");
        Files.createDirectories(project.resolve("landing"));
        Path csv = project.resolve("landing/orders.csv");
        Files.writeString(csv, "id,amount\n1,2.5\n2,x\n3,4.0\n");
        Files.writeString(project.resolve("hygge.yml"), """
                name: csv
                journal:
                  path: .hygge/journal
                flows:
                  orders:
                    home:
                      type: local
                      path: landing/orders.csv
                      format: csv
                      on_bad_row: skip
                      format_options: {types: {amount: DOUBLE}}
                    store: {type: local, path: lake/orders}
                  clean:
                    home: {type: local, path: landing/orders.csv, format: csv}
                    store: {type: local, path: lake/clean}
                """);
        Run go = hygge("go", "--project", project.toString());
        assertThat(go.exit()).as(go.out() + go.err()).isZero();
        assertThat(go.out()).contains("Done. PASS=1 WARN=1 ERROR=0 SKIP=0 TOTAL=2");
        String warning = "CSV file " + csv.toAbsolutePath().normalize() + ": 1 bad row(s) skipped (on_bad_row: skip): line 3, column 'amount'";
        assertThat(go.out().lines().filter(l -> l.startsWith("WARN orders: "))).singleElement().asString().contains(warning);
        assertThat(go.out().indexOf("WARN orders: ")).isGreaterThan(go.out().indexOf("Done."));

        var flows = RunReport.JSON.readTree(project.resolve(".hygge/runs/last.json").toFile()).get("flows");
        assertThat(flows.get(0).get("rows_written").asLong()).isEqualTo(2);
        assertThat(flows.get(0).get("warnings")).hasSize(1);
        assertThat(flows.get(0).get("warnings").get(0).asText()).contains(warning);
        assertThat(flows.get(1).get("warnings")).isEmpty();

        Run journal = hygge("journal", "--project", project.toString(), "--json");
        assertThat(journal.exit()).as(journal.err()).isZero();
        assertThat(journal.out()).contains("1 bad row(s) skipped (on_bad_row: skip)");
    }
}
