package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on fresh folders, with the real parquet plugin: init, start, --failed, validate, debug. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run hygge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HyggeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path init(String name, String... more) {
        Run init = hygge(Stream.concat(Stream.of("init", name, "--project", tmp.toString()), Stream.of(more)).toArray(String[]::new));
        assertThat(init.exit()).as(init.err()).isZero();
        return tmp.resolve(name);
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void initThenStartRunsTheSampleProject() throws IOException {
        Path project = init("sales", "--rows", "5000");
        assertThat(project.resolve("hygge.yml")).exists();
        assertThat(project.resolve("flows/landing_to_lake/flow.yml")).exists();
        for (String entity : InitCommand.SAMPLE_ENTITIES) {
            assertThat(parquetFiles(project.resolve("data/landing").resolve(entity))).isNotEmpty();
        }

        Run start = hygge("start", "--project", project.toString(), "--progress-interval", "0.2");
        assertThat(start.exit()).as(start.out() + start.err()).isZero();
        assertThat(start.out()).contains("FLOW", "STATUS", "ROWS", "landing_to_lake/customers", "succeeded", "5,000")
                .contains("3 of 3 flows succeeded: 15,000 rows");
        assertThat(start.err()).contains("started", "landing_to_lake/orders", "done");
        for (String entity : InitCommand.SAMPLE_ENTITIES) {
            assertThat(parquetFiles(project.resolve("data/lake").resolve(entity))).isNotEmpty();
        }
        JsonNode last = RunReport.JSON.readTree(project.resolve(".hygge/runs/last.json").toFile());
        assertThat(last.get("status").asText()).isEqualTo("succeeded");
        assertThat(last.get("rows").asLong()).isEqualTo(15_000);
        assertThat(last.get("flows")).hasSize(3);
        assertThat(last.get("flows").get(0).get("rows_written").asLong()).isEqualTo(5_000);
        assertThat(project.resolve(".hygge/runs/" + last.get("run_id").asText() + ".json")).exists();

        // a rerun replaces (if_exists: replace): the same rows, not twice as many
        Run again = hygge("start", "--project", project.toString(), "--flow", "landing_to_lake", "--entity", "orders", "--json");
        assertThat(again.exit()).isZero();
        JsonNode json = RunReport.JSON.readTree(again.out());
        assertThat(json.get("flows")).hasSize(1);
        assertThat(json.get("flows").get(0).get("entity").asText()).isEqualTo("orders");
        assertThat(again.err()).contains("1 of 1 flows succeeded: 5,000 rows");
    }

    @Test
    void aFailedEntityExitsOneAndFailedRerunsOnlyIt() throws IOException {
        Path project = init("broken", "--rows", "1000");
        Path orders = project.resolve("data/landing/orders");
        List<Path> good = parquetFiles(orders);
        Path saved = Files.copy(good.get(0), tmp.resolve("orders.parquet.saved"));
        Files.writeString(good.get(0), "this is not a parquet file");

        Run start = hygge("start", "--project", project.toString(), "--json");
        assertThat(start.exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        JsonNode json = RunReport.JSON.readTree(start.out());
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("flows_failed").asInt()).isEqualTo(1);
        JsonNode failed = null;
        for (JsonNode flow : json.get("flows")) {
            if (flow.get("entity").asText().equals("orders")) {
                failed = flow;
            } else {
                assertThat(flow.get("status").asText()).isEqualTo("succeeded");
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(start.err()).contains("2 of 3 flows succeeded").contains("FAILED");
        assertThat(parquetFiles(project.resolve("data/lake/orders"))).isEmpty();

        Files.copy(saved, good.get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run rerun = hygge("start", "--project", project.toString(), "--failed", "--json");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        JsonNode rerunJson = RunReport.JSON.readTree(rerun.out());
        assertThat(rerunJson.get("flows")).hasSize(1);
        assertThat(rerunJson.get("flows").get(0).get("entity").asText()).isEqualTo("orders");
        assertThat(rerunJson.get("rows").asLong()).isEqualTo(1_000);
        assertThat(parquetFiles(project.resolve("data/lake/orders"))).isNotEmpty();

        Run nothing = hygge("start", "--project", project.toString(), "--failed");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).contains("Nothing to rerun");
    }

    @Test
    void configErrorsExitTwoWithFileAndLine() throws IOException {
        Path project = init("typo", "--no-data");
        Files.writeString(project.resolve("flows/landing_to_lake/flow.yml"), """
                home: data/landing/
                store:
                  type: parquet
                  path: data/lake
                  compresion: zstd
                entities: [a]
                """);
        Run validate = hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(validate.err()).contains("flows/landing_to_lake/flow.yml:5:3: unknown key 'compresion'")
                .contains("did you mean 'compression'?");
        Run start = hygge("start", "--project", project.toString(), "--json");
        assertThat(start.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(project.resolve(".hygge")).doesNotExist();
        JsonNode json = RunReport.JSON.readTree(start.out());
        assertThat(json.get("status").asText()).isEqualTo("config_error");
        assertThat(json.get("problems").get(0).get("file").asText()).isEqualTo("flows/landing_to_lake/flow.yml");
        assertThat(json.get("problems").get(0).get("line").asInt()).isEqualTo(5);
        assertThat(json.get("problems").get(0).get("message").asText()).contains("did you mean 'compression'?");

        Run noProject = hygge("start", "--project", tmp.resolve("nowhere").toString());
        assertThat(noProject.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(noProject.err()).contains("does not exist");
    }

    @Test
    void validateAndDebugNeverShowSecrets() throws IOException {
        Path project = init("secret", "--rows", "100");
        Files.writeString(project.resolve("hygge.yml"), """
                name: secret
                options: {max_parallel_flows: 2}
                flows:
                  copy:
                    home:
                      type: parquet
                      path: data/landing/customers
                    store: {type: parquet, path: "data/out?token=${HYGGE_TEST_TOKEN:-tok3n-value}", api_key: hunter2}
                """);
        Run validate = hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(validate.err()).contains("hygge.yml:8:").contains("unknown key 'api_key'")
                .doesNotContain("hunter2").doesNotContain("tok3n-value");
        Run debug = hygge("debug", "--project", project.toString());
        assertThat(debug.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(debug.out()).contains("api_key: '****'").contains("token=****").contains("copy:");
        assertThat(debug.out() + debug.err()).doesNotContain("hunter2").doesNotContain("tok3n-value");
    }

    @Test
    void debugOpensHomesAndWritesNothing() throws IOException {
        Path project = init("dbg", "--rows", "100");
        Run debug = hygge("debug", "--project", project.toString(), "--entity", "orders");
        assertThat(debug.exit()).as(debug.out() + debug.err()).isZero();
        assertThat(debug.out()).contains("landing_to_lake/orders:", "1 split", "columns: id", "Configuration is valid",
                "path: in-engine (duckdb): the Home and the Store both run on duckdb");
        assertThat(project.resolve("data/lake")).doesNotExist();
        assertThat(project.resolve(".hygge")).doesNotExist();
    }

    @Test
    void versionAndHelp() {
        Run version = hygge("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("hygge ").contains("Java");
        Run help = hygge("--help");
        assertThat(help.out()).contains("init", "start", "debug", "validate");
        Run bad = hygge("start", "--no-such-option");
        assertThat(bad.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
    }

    @Test
    void debugShowsTheTableAWriteWouldCreateAndStartLoadsDuckDb() throws IOException {
        Path project = init("warehouse", "--rows", "100");
        Files.writeString(project.resolve("flows/landing_to_lake/flow.yml"), """
                home: data/landing/
                store: {type: duckdb, path: data/warehouse.duckdb, table: "{entity}"}
                entities: [orders, customers]
                """);
        Run before = hygge("debug", "--project", project.toString(), "--entity", "orders");
        assertThat(before.exit()).as(before.out() + before.err()).isZero();
        assertThat(before.out()).contains("warehouse.duckdb does not exist yet");
        assertThat(project.resolve("data/warehouse.duckdb")).doesNotExist();

        Run start = hygge("start", "--project", project.toString());
        assertThat(start.exit()).as(start.out() + start.err()).isZero();
        assertThat(start.out()).contains("2 of 2 flows succeeded: 200 rows");

        Run after = hygge("debug", "--project", project.toString(), "--entity", "orders");
        assertThat(after.exit()).as(after.out() + after.err()).isZero();
        assertThat(after.out()).contains("the write would be:", "(exists)", "columns (", "updated_at");
    }

    @Test
    void withoutContinueOnErrorTheRestIsCancelledAndFailedRerunsItToo() throws IOException {
        Path project = init("strict", "--rows", "500", "--max-parallel-flows", "1");
        Path yml = project.resolve("hygge.yml");
        Files.writeString(yml, Files.readString(yml).replace("continue_on_error: true", "continue_on_error: false"));
        Path orders = parquetFiles(project.resolve("data/landing/orders")).get(0);
        byte[] good = Files.readAllBytes(orders);
        Files.writeString(orders, "not parquet");

        Run start = hygge("start", "--project", project.toString(), "--json");
        assertThat(start.exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        JsonNode json = RunReport.JSON.readTree(start.out());
        assertThat(json.get("flows").findValuesAsText("status")).containsExactly("succeeded", "failed", "cancelled");

        Files.write(orders, good);
        Run rerun = hygge("start", "--project", project.toString(), "--failed", "--json");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(RunReport.JSON.readTree(rerun.out()).get("flows").findValuesAsText("entity")).containsExactly("orders", "products");
    }

    @Test
    void debugTestsASqlServerConnectionAndKeepsItsPasswordOut() throws IOException {
        Path project = init("mssql", "--rows", "100");
        Files.writeString(project.resolve("hygge.yml"), """
                name: mssql
                connections:
                  warehouse: {type: mssql, server: 127.0.0.1, port: 1, database: analytics, auth: sql, user: sa,
                              password: "${HYGGE_TEST_PW:-Hunter2secret}", connection_timeout: 1, login_timeout: 1}
                """);
        Files.writeString(project.resolve("flows/landing_to_lake/flow.yml"), """
                home: data/landing/
                store: {type: mssql, connection: warehouse, table: "stage.{entity}"}
                entities: [orders]
                """);
        Run validate = hygge("validate", "--project", project.toString());
        assertThat(validate.exit()).as(validate.err()).isZero();
        Run debug = hygge("debug", "--project", project.toString());
        assertThat(debug.exit()).isEqualTo(HyggeCli.FLOW_FAILED);
        assertThat(debug.out()).contains("password: '****'", "connection warehouse (mssql): FAILED", "landing_to_lake/orders:");
        assertThat(debug.out() + debug.err()).doesNotContain("Hunter2secret");
    }
}
