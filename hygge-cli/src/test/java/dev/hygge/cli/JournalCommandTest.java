package dev.hygge.cli;

import static dev.hygge.cli.CliTest.hygge;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.JournalFactory;
import dev.hygge.spi.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hygge journal} over a real parquet journal, found through ServiceLoader as the command finds it. */
class JournalCommandTest {
    @TempDir
    Path tmp;

    Path file;

    static JournalEntry run(String entity, int n, String status, String watermark, String message) {
        return new JournalEntry(entity + "-" + n, "c" + n, "f" + n, "sales", "landing", entity, "2026-12-0" + n + "T10:00:00Z",
                "2026-12-0" + n + "T10:00:03Z", status, "incremental", status.equals(JournalEntry.SUCCESS) ? 1000L * n : null,
                3.25, "id", "updated_at", watermark == null ? null : "datetime", watermark, message, JournalEntry.SCHEMA_VERSION);
    }

    @BeforeEach
    void journal() {
        file = tmp.resolve("lake/.hygge_journal/journal.parquet");
        JournalFactory parquet = ServiceLoader.load(JournalFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.format().equals("parquet")).findFirst().orElseThrow();
        try (RunJournal journal = parquet.open(file)) {
            journal.record(run("orders", 1, JournalEntry.SUCCESS, "2026-12-01T09:00:00Z", null));
            journal.record(run("customers", 1, JournalEntry.SUCCESS, null, null));
            journal.record(run("orders", 2, JournalEntry.FAIL, null, "Connection reset\nat line 2"));
            journal.record(run("orders", 3, JournalEntry.SUCCESS, "2026-12-03T09:00:00Z", "0 rows with a NULL updated_at"));
        }
    }

    @Test
    void listsTheRecentRunsOfEachEntityNewestFirst() {
        CliTest.Run listed = hygge("journal", "--path", file.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        String[] lines = listed.out().split("\n");
        assertThat(lines[0]).isEqualTo("Journal " + file);
        assertThat(lines[1]).contains("ENTITY", "FINISHED", "STATUS", "ROWS", "TIME", "WATERMARK");
        assertThat(lines[2]).contains("landing/customers", "2026-12-01T10:00:03Z", "success", "1,000", "3.3 s");
        assertThat(lines[3]).contains("landing/orders", "2026-12-03T10:00:03Z", "success", "3,000",
                "updated_at = 2026-12-03T09:00:00Z (datetime)");
        assertThat(lines[4]).contains("landing/orders", "2026-12-02T10:00:03Z", "fail", "-", "updated_at = -");
        assertThat(lines[5].strip()).isEqualTo("Connection reset");
        assertThat(lines[6]).contains("landing/orders", "2026-12-01T10:00:03Z", "2026-12-01T09:00:00Z");
        assertThat(lines).hasSize(7);

        CliTest.Run one = hygge("journal", "--path", file.toString(), "--entity", "orders", "--limit", "1");
        assertThat(one.out()).contains("2026-12-03T10:00:03Z").doesNotContain("2026-12-02T10", "customers");
        CliTest.Run none = hygge("journal", "--path", file.toString(), "--flow", "other");
        assertThat(none.out()).contains("no runs recorded");
    }

    @Test
    void jsonHoldsTheJournalsColumns() throws Exception {
        CliTest.Run listed = hygge("journal", "--path", file.toString(), "--json", "--entity", "orders");
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode json = RunReport.JSON.readTree(listed.out());
        JsonNode journal = json.get("journals").get(0);
        assertThat(journal.get("path").asText()).isEqualTo(file.toString());
        JsonNode newest = journal.get("runs").get(0);
        assertThat(journal.get("runs")).hasSize(3);
        assertThat(newest.get("entity_run_id").asText()).isEqualTo("orders-3");
        assertThat(newest.get("watermark").asText()).isEqualTo("2026-12-03T09:00:00Z");
        assertThat(newest.get("row_count").asLong()).isEqualTo(3000);
        assertThat(newest.get("schema_version").asText()).isEqualTo("1.0");
        assertThat(journal.get("runs").get(1).get("row_count").isNull()).isTrue();
    }

    @Test
    void withoutAPathTheProjectsJournalsAreListedAsStartRecordsThem() throws Exception {
        Path project = tmp.resolve("shop");
        Files.createDirectories(project.resolve("landing/orders"));
        Files.writeString(project.resolve("hygge.yml"), """
                name: shop
                options: {run_type: incremental}
                flows:
                  orders:
                    home: landing/orders/
                    store: {type: parquet, path: lake/orders}
                    watermark: {watermark_column: updated_at, primary_key: id}
                  plain:
                    home: landing/orders/
                    store: {type: parquet, path: lake/plain}
                    run_type: full_drop
                """);
        for (int part = 1; part <= 2; part++) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement s = c.createStatement()) {
                s.execute("COPY (SELECT i::BIGINT AS id, TIMESTAMP '2026-12-01 10:00:00' + INTERVAL (i) SECOND AS updated_at FROM range("
                        + (part * 10) + ", " + (part * 10 + 5) + ") r(i)) TO '" + project.resolve("landing/orders/part" + part + ".parquet")
                        + "' (FORMAT parquet)");
            }
            CliTest.Run start = hygge("start", "--project", project.toString(), "--flow", "orders");
            assertThat(start.exit()).as(start.out() + start.err()).isZero();
        }

        CliTest.Run listed = hygge("journal", "--project", project.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        String[] lines = listed.out().split("\n");
        assertThat(lines[0]).startsWith("Journal ").endsWith(".hygge_journal/journal.parquet");
        assertThat(lines[2]).contains("orders", "success", "5", "incremental", "updated_at = 2026-12-01T10:00:24");
        assertThat(lines[3]).contains("orders", "success", "5", "incremental", "updated_at = 2026-12-01T10:00:14");
        assertThat(lines).hasSize(4);

        CliTest.Run plain = hygge("journal", "--project", project.toString(), "--flow", "plain");
        assertThat(plain.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(plain.err()).contains("No flow of", "named 'plain'", "is recorded in a journal", "--path");
    }

    @Test
    void aMissingOrUnknownJournalIsAConfigurationErrorThatSaysWhy() throws Exception {
        CliTest.Run missing = hygge("journal", "--path", tmp.resolve("nowhere/journal.parquet").toString());
        assertThat(missing.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(missing.err()).contains("No journal at", "nowhere");

        Path csv = Files.writeString(tmp.resolve("journal.csv"), "a,b\n");
        CliTest.Run unknown = hygge("journal", "--path", csv.toString());
        assertThat(unknown.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(unknown.err()).contains("no journal format 'csv'", "known: parquet");

        CliTest.Run bad = hygge("journal", "--path", file.toString(), "--limit", "0");
        assertThat(bad.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(bad.err()).contains("--limit must be at least 1");
    }
}
