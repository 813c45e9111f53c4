package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hygge start} on incremental flows with the bundled plugins: a parquet folder that grows
 * between runs read into DuckDB (whose table keeps the watermark with its rows), {@code --full-drop}
 * and {@code --incremental} for one run, the run record's attempts and NULL counts, and
 * configuration mistakes with file and line before anything runs.
 */
class IncrementalCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run hygge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--project";
        all[args.length + 1] = dir.toString();
        int exit = HyggeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(exit, out.toString(), err.toString());
    }

    private JsonNode start(String... more) throws IOException {
        String[] args = new String[more.length + 2];
        args[0] = "start";
        args[1] = "--json";
        System.arraycopy(more, 0, args, 2, more.length);
        Run run = hygge(args);
        assertThat(run.exit()).as(run.err()).isZero();
        return RunReport.JSON.readTree(run.out()).get("flows").get(0);
    }

    /** Writes {@code landing/orders/<file>.parquet}: ids {@code from..to}, updated_at 10:00 plus id seconds; odd {@code nullId} NULL. */
    private void landing(String file, int from, int to, int nullId) throws SQLException, IOException {
        Files.createDirectories(dir.resolve("landing/orders"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i::BIGINT AS id, CASE WHEN i = " + nullId + " THEN NULL ELSE TIMESTAMP '2026-12-01 10:00:00'"
                    + " + INTERVAL (i) SECOND END AS updated_at, 'order ' || i AS name FROM range(" + from + ", " + (to + 1)
                    + ") r(i)) TO '" + dir.resolve("landing/orders/" + file + ".parquet") + "' (FORMAT parquet)");
        }
    }

    private long rows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("warehouse.duckdb"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM orders")) {
            r.next();
            return r.getLong(1);
        }
    }

    @BeforeEach
    void project() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                name: shop
                options: {run_type: incremental, retry_delay: 0}
                flows:
                  orders:
                    home: landing/orders/
                    store: {type: duckdb, path: warehouse.duckdb, table: orders, if_exists: replace}
                    watermark: {watermark_column: updated_at, primary_key: id}
                """);
    }

    @Test
    void eachRunReadsOnlyWhatIsNewAndAFullDropReadsEverything() throws Exception {
        landing("part1", 1, 3, -1);
        JsonNode first = start();
        assertThat(first.get("rows_written").asLong()).isEqualTo(3);
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("run_type").asText()).isEqualTo("incremental");
        assertThat(first.get("watermark").asText()).isEqualTo("2026-12-01T10:00:03");

        landing("part2", 4, 6, 5);
        JsonNode second = start();
        assertThat(second.get("rows_read").asLong()).as("ids 4 and 6; 5 has a NULL updated_at").isEqualTo(2);
        assertThat(second.get("null_watermark_rows").asLong()).isEqualTo(1);
        assertThat(second.get("watermark").asText()).isEqualTo("2026-12-01T10:00:06");
        assertThat(rows()).as("an incremental run appends, whatever if_exists says for full runs").isEqualTo(5);

        JsonNode nothingNew = start();
        assertThat(nothingNew.get("rows_read").asLong()).isZero();
        assertThat(rows()).isEqualTo(5);

        JsonNode full = start("--full-drop");
        assertThat(full.get("run_type").asText()).isEqualTo("full_drop");
        assertThat(full.get("rows_written").asLong()).as("every row, the NULL one too").isEqualTo(6);
        assertThat(rows()).as("if_exists: replace").isEqualTo(6);

        landing("part3", 7, 7, -1);
        assertThat(start().get("rows_read").asLong()).as("on from the full run's watermark").isEqualTo(1);
        assertThat(rows()).isEqualTo(7);
        JsonNode last = RunReport.JSON.readTree(dir.resolve(".hygge/runs/last.json").toFile()).get("flows").get(0);
        assertThat(last.get("attempts").asInt()).isEqualTo(1);

        Path journal = dir.resolve(".hygge_journal/journal.parquet");          // beside warehouse.duckdb
        Run listed = hygge("journal", "--path", journal.toString(), "--json");
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode runs = RunReport.JSON.readTree(listed.out()).get("journals").get(0).get("runs");
        assertThat(runs).hasSize(5);
        assertThat(runs.get(0).get("coordinator").asText()).isEqualTo("shop");
        assertThat(runs.get(0).get("watermark").asText()).isEqualTo("2026-12-01T10:00:07");
        assertThat(runs.get(3).get("message").asText()).isEqualTo("1 row with a NULL updated_at (not loaded; set include_nulls:"
                + " true to load them)");
    }

    @Test
    void mistakesAreNamedWithFileAndLineAndNothingRuns() throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  orders:
                    home: landing/orders/
                    store: {type: duckdb, path: warehouse.duckdb, table: orders, write_strategy: merge}
                    run_type: incremental
                    watermark: {watermark_column: updated_at, lookback: later}
                  plain:
                    home: landing/orders/
                    store: lake/plain
                """);
        landing("part1", 1, 3, -1);

        Run run = hygge("start");

        assertThat(run.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(run.err()).contains("hygge.yml:6:47: 'lookback' must be a count of values (1000) for an integer column or a"
                + " duration (2h, 3d, PT30M) for a date or timestamp column, not text 'later'");
        assertThat(Files.exists(dir.resolve("warehouse.duckdb"))).isFalse();

        Run forced = hygge("start", "--incremental", "--flow", "plain");
        assertThat(forced.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(forced.err()).contains("hygge.yml:6:47");
        assertThat(hygge("start", "--incremental", "--full-drop").err()).contains("--incremental and --full-drop say opposite things");
    }

    @Test
    void forcedIncrementalNeedsAWatermark() throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                flows:
                  plain:
                    home: landing/orders/
                    store: lake/plain
                """);
        landing("part1", 1, 3, -1);

        Run run = hygge("start", "--incremental");

        assertThat(run.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(run.err()).contains("hygge.yml:2:3: flow 'plain' is incremental but has no watermark");
        assertThat(Files.exists(dir.resolve("lake"))).isFalse();
    }
}
