package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, finding 3 through the CLI with the real DuckDB Store: names of one table are refused before anything runs. */
class CliTableCollisionTest {
    @TempDir
    Path tmp;

    @Test
    void quotedAndSchemaPrefixedNamesOfOneDuckDbTableExitTwoNamingBoth() throws IOException {
        CliTest.Run init = CliTest.hygge("init", "tables", "--project", tmp.toString(), "--rows", "100");
        assertThat(init.exit()).as(init.err()).isZero();
        Path project = tmp.resolve("tables");
        Files.writeString(project.resolve("flows/landing_to_lake/flow.yml"), """
                home: data/landing/
                store: {type: duckdb, path: data/w.duckdb, table: "{entity}", if_exists: replace}
                entities:
                  - orders
                  - '"orders"'
                  - main.orders
                  - customers
                """);
        String file = "flows/landing_to_lake/flow.yml:";
        for (String command : new String[] {"validate", "start"}) {
            CliTest.Run run = CliTest.hygge(command, "--project", project.toString());
            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(HyggeCli.CONFIG_ERROR);
            assertThat(run.err()).contains(file + "5:5: flow 'landing_to_lake/\"orders\"' writes table \"orders\" in ",
                    file + "6:5: flow 'landing_to_lake/main.orders' writes table main.orders in ",
                    "and flow 'landing_to_lake/orders' (" + file + "4:5) writes table orders in ", "the same destination");
            assertThat(run.err()).doesNotContain("customers");
        }
        assertThat(project.resolve("data/w.duckdb")).doesNotExist();
        assertThat(project.resolve(".hygge")).doesNotExist();
    }
}
