package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's side of "never lose a row": hostile names refused before anything runs, a killed run rerun, secrets kept out. */
class CliSafetyTest {
    @TempDir
    Path tmp;

    private Path init(String name, String... more) {
        CliTest.Run init = CliTest.hygge(Stream.concat(Stream.of("init", name, "--project", tmp.toString()), Stream.of(more))
                .toArray(String[]::new));
        assertThat(init.exit()).as(init.err()).isZero();
        return tmp.resolve(name);
    }

    /** A project of gated flows only (the sample flow removed). */
    private Path gatedProject(String name, String yaml) throws IOException {
        Path project = init(name, "--no-data");
        Files.writeString(project.resolve("hygge.yml"), yaml);
        Files.delete(project.resolve("flows/landing_to_lake/flow.yml"));
        return project;
    }

    private static CliTest.Run gated(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HyggeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), GatedHomeFactory::plugins, args);
        return new CliTest.Run(exit, out.toString(), err.toString());
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void hostileEntityNamesExitTwoWithFileAndLineAndNothingIsTouched() throws IOException {
        Path project = init("hostile", "--rows", "100");
        Files.writeString(project.resolve("flows/landing_to_lake/flow.yml"), """
                home: data/landing/
                store: {type: parquet, path: data/lake, if_exists: replace}
                entities:
                  - ".."
                  - "../../x"
                  - /abs
                  - "tab\\there"
                  - "new\\nline"
                  - "orders "
                """);
        List<Path> before = parquetFiles(project);
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).as(validate.out() + validate.err()).isEqualTo(HyggeCli.CONFIG_ERROR);
        String file = "flows/landing_to_lake/flow.yml:";
        assertThat(validate.err()).contains(file + "4:5: entity name '..' of flow 'landing_to_lake' is '..'",
                file + "5:5: entity name '../../x' of flow 'landing_to_lake' holds a path separator (/)",
                file + "6:5: entity name '/abs' of flow 'landing_to_lake' is an absolute path",
                file + "7:5: entity name 'tab\\there' of flow 'landing_to_lake' holds a control character (a TAB, \\t)",
                file + "8:5: entity name 'new\\nline' of flow 'landing_to_lake' holds a control character (a newline, \\n)",
                file + "9:5: entity name 'orders ' of flow 'landing_to_lake' has trailing spaces");
        CliTest.Run start = CliTest.hygge("start", "--project", project.toString());
        assertThat(start.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(start.err()).contains(file + "4:5: entity name '..'");
        assertThat(parquetFiles(project)).isEqualTo(before);
        assertThat(project.resolve(".hygge")).doesNotExist();
    }

    @Test
    void aFolderWithGlobCharactersIsReadAsItselfNotAsAPattern() throws IOException {
        Path project = init("globs", "--rows", "100");
        Path decoy = init("decoy", "--rows", "30");
        Path landing = project.resolve("data/landing");
        Files.move(landing.resolve("orders"), landing.resolve("ord[1]ers"));
        // what [1] matches as a glob, with the same file names: DuckDB's reader globs every file name it is
        // given, so ord[1]ers/orders_0.parquet must be escaped or it reads ord1ers/orders_0.parquet
        Files.createDirectories(landing.resolve("ord1ers"));
        for (Path file : parquetFiles(decoy.resolve("data/landing/orders"))) {
            Files.move(file, landing.resolve("ord1ers").resolve(file.getFileName()));
        }
        CliTest.Run start = CliTest.hygge("start", "--project", project.toString(), "--json");
        assertThat(start.exit()).as(start.err()).isZero();
        JsonNode flows = RunReport.JSON.readTree(start.out()).get("flows");
        java.util.Map<String, Long> rows = new java.util.TreeMap<>();
        flows.forEach(f -> rows.put(f.get("entity").asText(), f.get("rows_written").asLong()));
        assertThat(rows).containsEntry("ord[1]ers", 100L).containsEntry("ord1ers", 30L);
        assertThat(parquetFiles(project.resolve("data/lake/ord[1]ers"))).isNotEmpty();
    }

    @Test
    void twoFlowsReplacingOneParquetFolderAreAnErrorNamingBothButAppendsMayShareIt() throws IOException {
        Path project = init("collide", "--rows", "100");
        Files.writeString(project.resolve("hygge.yml"), """
                name: collide
                flows:
                  first: {home: data/landing/orders, store: {type: parquet, path: data/lake/all, if_exists: replace}}
                  second: {home: data/landing/customers, store: {type: parquet, path: "data/lake/./all/", if_exists: replace}}
                """);
        Files.delete(project.resolve("flows/landing_to_lake/flow.yml"));
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).as(validate.out() + validate.err()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(validate.err()).contains("hygge.yml:4:", "flow 'second' writes ", "and flow 'first' (hygge.yml:3:",
                "the same destination");

        Files.writeString(project.resolve("hygge.yml"), """
                name: collide
                flows:
                  first: {home: data/landing/orders, store: {type: parquet, path: data/lake/all, if_exists: append}}
                  second: {home: data/landing/customers, store: {type: parquet, path: data/lake/all, if_exists: append}}
                """);
        CliTest.Run appends = CliTest.hygge("start", "--project", project.toString());
        assertThat(appends.exit()).as(appends.out() + appends.err()).isZero();
        assertThat(appends.out()).contains("2 of 2 flows succeeded: 200 rows");
    }

    @Test
    void aKilledRunReadsInterruptedAndFailedRerunsWhatDidNotFinish() throws Exception {
        Path gate = tmp.resolve("gate");
        Files.writeString(gate, "holds the flow until the test kills the run");
        Path project = gatedProject("killed", """
                name: killed
                options: {max_parallel_flows: 2}
                flows:
                  quick: {home: {type: gated, rows: 300}, store: data/lake/quick}
                  held: {home: {type: gated, rows: 300, gate: "%s"}, store: data/lake/held}
                """.formatted(gate));
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                GatedHomeFactory.class.getName(), "start", "--project", project.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path last = project.resolve(".hygge/runs/last.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!statuses(last).equals(List.of("succeeded", "running"))) {
                assertThat(child.isAlive()).as("the child run ended early: %s", read(log)).isTrue();
                assertThat(System.nanoTime()).as("the child run never got both flows going: %s", read(log)).isLessThan(deadline);
                Thread.sleep(50);
            }
            JsonNode running = RunReport.JSON.readTree(last.toFile());
            assertThat(running.get("status").asText()).isEqualTo("running");
            assertThat(running.get("pid").asLong()).isEqualTo(child.pid());
            assertThat(running.get("host").asText()).isEqualTo(RunRecord.HOST);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);          // as kill -9: no shutdown hook runs
        }
        RunReport seen = RunReport.last(project).orElseThrow();
        assertThat(seen.status()).isEqualTo("interrupted");
        assertThat(seen.flows()).extracting(RunReport.FlowReport::label, RunReport.FlowReport::status)
                .containsExactly(tuple("quick", "succeeded"), tuple("held", "interrupted"));

        Files.delete(gate);
        CliTest.Run rerun = gated("start", "--project", project.toString(), "--failed", "--json");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains("1 flow that did not finish in the interrupted run " + seen.runId());
        JsonNode json = RunReport.JSON.readTree(rerun.out());
        assertThat(json.get("flows").findValuesAsText("flow")).containsExactly("held");
        assertThat(json.get("rows").asLong()).isEqualTo(300);
        assertThat(parquetFiles(project.resolve("data/lake/held"))).isNotEmpty();
        CliTest.Run nothing = gated("start", "--project", project.toString(), "--failed");
        assertThat(nothing.out()).contains("Nothing to rerun");
    }

    private static List<String> statuses(Path record) throws IOException {
        if (!Files.isRegularFile(record)) {
            return List.of();
        }
        return RunReport.JSON.readTree(record.toFile()).get("flows").findValuesAsText("status");
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    @Test
    void aRecordOfALiveRunIsRunningAndFailedRefusesToRerunIt() throws IOException {
        Path project = init("live", "--rows", "100");
        ProcessHandle self = ProcessHandle.current();
        List<RunReport.FlowReport> flows = List.of(new RunReport.FlowReport("landing_to_lake", "orders", "running", 0, 0, 0, 0, 0,
                null));
        new RunReport("live", "20260101T000000Z-live", "running", "2026-01-01T00:00:00Z", 0, 0, 0, 0, 0, flows, self.pid(),
                RunRecord.HOST, self.info().startInstant().map(Object::toString).orElse(null), null).write(project);
        assertThat(RunReport.last(project).orElseThrow().status()).isEqualTo("running");
        CliTest.Run failed = CliTest.hygge("start", "--project", project.toString(), "--failed");
        assertThat(failed.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(failed.err()).contains("the last run 20260101T000000Z-live is still running (pid " + self.pid());

        // the same pid started at another time is another process: that run was interrupted
        new RunReport("live", "20260101T000000Z-reused", "running", "2026-01-01T00:00:00Z", 0, 0, 0, 0, 0, flows, self.pid(),
                RunRecord.HOST, "2001-01-01T00:00:00Z", null).write(project);
        assertThat(RunReport.last(project).orElseThrow().status()).isEqualTo("interrupted");

        // another host's process cannot be checked from here: the record stays running, --failed says why
        new RunReport("live", "20260101T000000Z-elsewhere", "running", "2026-01-01T00:00:00Z", 0, 0, 0, 0, 0, flows, 1L,
                "elsewhere.example", null, null).write(project);
        assertThat(RunReport.last(project).orElseThrow().status()).isEqualTo("running");
        CliTest.Run elsewhere = CliTest.hygge("start", "--project", project.toString(), "--failed");
        assertThat(elsewhere.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(elsewhere.err()).contains("is marked running on host elsewhere.example (pid 1)", "--flow/--entity");
    }

    @Test
    void aRunThatEndsAfterANewerOneStartedKeepsItsRecordButLeavesLastJsonToTheNewerRun() throws IOException {
        Path project = init("overlap", "--rows", "100", "--no-data");
        List<RunReport.FlowReport> flows = List.of(new RunReport.FlowReport("f", null, "pending", 0, 0, 0, 0, 0, null));
        RunReport older = new RunReport("overlap", "run-older", "running", "2026-01-01T00:00:00Z", 0, 0, 0, 0, 0, flows, 1L,
                RunRecord.HOST, null, null);
        RunReport newer = new RunReport("overlap", "run-newer", "running", "2026-01-01T00:01:00Z", 0, 0, 0, 0, 0, flows, 2L,
                RunRecord.HOST, null, null);
        older.write(project);
        newer.write(project);                                        // a run claims last.json when it begins
        older.closed(flows.stream().map(f -> f.withStatus("succeeded", null)).toList(), 10).write(project, false);
        assertThat(RunReport.JSON.readTree(project.resolve(".hygge/runs/last.json").toFile()).get("run_id").asText())
                .isEqualTo("run-newer");
        assertThat(RunReport.JSON.readTree(project.resolve(".hygge/runs/run-older.json").toFile()).get("status").asText())
                .isEqualTo("succeeded");
        newer.closed(flows.stream().map(f -> f.withStatus("failed", "x")).toList(), 10).write(project, false);
        assertThat(RunReport.JSON.readTree(project.resolve(".hygge/runs/last.json").toFile()).get("status").asText())
                .isEqualTo("failed");
    }

    @Test
    void anUnexpectedErrorInAFlowStillEndsWithTheSummaryAndTheRecord() throws IOException {
        Path project = gatedProject("error", """
                name: error
                options: {continue_on_error: true}
                flows:
                  broken: {home: {type: gated, fail_with: error}, store: data/lake/broken}
                  fine: {home: {type: gated, rows: 200}, store: data/lake/fine}
                """);
        CliTest.Run start = gated("start", "--project", project.toString());
        assertThat(start.exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        assertThat(start.out()).contains("1 of 2 flows succeeded");
        JsonNode last = RunReport.JSON.readTree(project.resolve(".hygge/runs/last.json").toFile());
        assertThat(last.get("status").asText()).isEqualTo("failed");
        assertThat(last.get("flows").findValuesAsText("status")).containsExactly("failed", "succeeded");
        assertThat(last.get("flows").get(0).get("error").asText()).contains("StackOverflowError");
    }

    @Test
    void debugMasksMistypedAndUnknownKeysAndErrorsNeverEchoAnEnvironmentValue() throws IOException {
        Path project = init("secrets", "--rows", "100");
        Files.writeString(project.resolve("hygge.yml"), """
                name: secrets
                connections:
                  warehouse: {type: mssql, server: 127.0.0.1, database: analytics, user: sa, pasword: Hunter2secret}
                """);
        CliTest.Run debug = CliTest.hygge("debug", "--project", project.toString(), "--no-open");
        assertThat(debug.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(debug.out()).contains("pasword: '****'", "server: 127.0.0.1", "user: sa");
        assertThat(debug.err()).contains("hygge.yml:3:").contains("unknown key 'pasword'");
        assertThat(debug.out() + debug.err()).doesNotContain("Hunter2secret");

        String home = System.getenv("HOME");         // a variable this JVM has, whose value the test knows
        Files.writeString(project.resolve("hygge.yml"), """
                name: secrets
                connections:
                  warehouse: {type: mssql, server: 127.0.0.1, database: analytics, user: sa, port: "${HOME}"}
                """);
        CliTest.Run validate = CliTest.hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(validate.err()).contains("hygge.yml:3:", "'port' of the connection 'warehouse' must be a whole number, not the"
                + " value of ${HOME} (not shown)");
        assertThat(validate.err() + validate.out()).doesNotContain("'" + home + "'");
    }
}
