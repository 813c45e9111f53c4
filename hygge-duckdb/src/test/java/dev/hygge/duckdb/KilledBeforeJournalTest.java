package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.FlowResult;
import dev.hygge.Hygge;
import dev.hygge.duckdb.faults.KilledJournalChild;
import dev.hygge.parquet.ParquetJournal;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.Watermark;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM killed between the data commit and the journal record ({@link KilledJournalChild}:
 * its journal halts the JVM when the run is recorded), then the next run, with the real parquet
 * journal throughout. Rows {@code id} 0..99 are loaded by a first run, 100..149 by the killed one,
 * 150..179 are added after it. A Store that keeps state has the killed run's watermark with its
 * rows: the next run reads only 150..179, whatever the journal lacks, and every Store holds each
 * row once. A Store without state has only the journal's watermark (id 99's): the next run reads
 * 100..179, so the killed run's rows arrive at least once more, as the README says: a merging
 * table holds each key once, an appending one holds 100..149 twice; no row is ever skipped.
 */
class KilledBeforeJournalTest {
    private static final String AT = "TIMESTAMP '2026-01-01 10:00:00' + to_microseconds(";

    @TempDir
    Path dir;

    /** The watermark of row {@code id}. */
    private static Watermark changed(long id) {
        return Watermark.of(LocalDateTime.of(2026, 1, 1, 10, 0, 0).plusNanos(id * 1_000));
    }

    /** Adds rows {@code first..first+count-1} to the source the trial's Home reads. */
    private void addRows(String target, long first, long count) throws Exception {
        String rows = "SELECT range AS id, " + AT + "range) AS changed, 'v' || range AS v FROM range(" + first + ", " + (first + count) + ")";
        if (target.equals("parquet")) {
            DuckDb.execute(KilledJournalChild.sourceDatabase(dir), "CREATE TABLE IF NOT EXISTS events (id BIGINT, changed TIMESTAMP, v VARCHAR)",
                    "INSERT INTO events " + rows);
        } else {
            Path folder = Files.createDirectories(KilledJournalChild.sourceFolder(dir));
            DuckDb.execute(dir.resolve("scratch.duckdb"), "COPY (" + rows + ") TO '" + folder.resolve("rows-" + first + ".parquet")
                    + "' (FORMAT parquet)");
        }
    }

    /** How many rows the destination holds, how many distinct ids, and how many ids twice. */
    private List<Object> counts(String target) {
        String from = target.equals("parquet") ? "'" + KilledJournalChild.lake(dir) + "/*.parquet'" : "events";
        Path database = target.equals("parquet") ? dir.resolve("scratch.duckdb") : KilledJournalChild.database(dir);
        return DuckDb.query(database, "SELECT sum(n), count(*), count(*) FILTER (WHERE n = 2 AND id BETWEEN 100 AND 149)"
                + " FROM (SELECT id, count(*) AS n FROM " + from + " GROUP BY id)").get(0).stream()
                .map(v -> (Object) ((Number) v).longValue()).toList();
    }

    private FlowResult run(String target, boolean state) {
        try (Hygge hygge = KilledJournalChild.runtime();
             ParquetJournal journal = ParquetJournal.open(KilledJournalChild.journal(dir))) {
            FlowResult result = hygge.run(KilledJournalChild.flow(hygge, target, state, dir, journal));
            assertThat(result.succeeded()).as("%s", result.error()).isTrue();
            return result;
        }
    }

    private List<JournalEntry> journal() {
        try (ParquetJournal journal = ParquetJournal.open(KilledJournalChild.journal(dir))) {
            return journal.entries(KilledJournalChild.FLOW, KilledJournalChild.FLOW);
        }
    }

    @ParameterizedTest(name = "{0}, state {1}")
    @CsvSource({"duckdb-merge, true", "duckdb-append, true", "parquet, true",
            "duckdb-merge, false", "duckdb-append, false", "parquet, false"})
    void killedBetweenTheDataCommitAndTheJournalRecordThenTheNextRun(String target, boolean state)
            throws Exception {
        addRows(target, 0, 100);
        assertThat(run(target, state).rowsRead()).isEqualTo(100);
        assertThat(journal()).singleElement().satisfies(e -> assertThat(e.watermark()).isEqualTo(changed(99).text()));

        addRows(target, 100, 50);
        Path out = dir.resolve("child.out");
        Files.createDirectories(dir.resolve("child-tmp"));
        Process child = new ProcessBuilder(KilledJournalChild.command(target, state, dir))
                .redirectOutput(out.toFile()).redirectError(dir.resolve("child.err").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ends").isTrue();
        String said = Files.readString(out);
        String why = said + Files.readString(dir.resolve("child.err"));
        assertThat(child.exitValue()).as("halted at the journal record: %s", why).isEqualTo(KilledJournalChild.HALTED);
        assertThat(said.strip()).as("the child was recording its committed run when it died")
                .isEqualTo(String.join("\t", "recording", JournalEntry.SUCCESS, changed(149).journalType(), changed(149).text(), "50"));
        assertThat(counts(target)).as("the killed run's rows are committed").containsExactly(150L, 150L, 0L);
        assertThat(journal()).as("the journal lacks the killed run").hasSize(1);

        addRows(target, 150, 30);
        FlowResult next = run(target, state);
        boolean appends = !target.equals("duckdb-merge");
        if (state) {
            assertThat(next.watermark().get().source()).isEqualTo("store");
            assertThat(next.watermark().get().previous()).as("the killed run's watermark, kept with its rows").contains(changed(149));
            assertThat(next.rowsRead()).as("only the rows after the killed run").isEqualTo(30);
            assertThat(counts(target)).as("every row once").containsExactly(180L, 180L, 0L);
        } else {
            assertThat(next.watermark().get().source()).isEqualTo("journal");
            assertThat(next.watermark().get().previous()).as("the journal's last watermark: the first run's").contains(changed(99));
            assertThat(next.rowsRead()).as("the killed run's rows again, and the new ones").isEqualTo(80);
            assertThat(counts(target)).as(appends ? "appended: the killed run's rows twice, none skipped" : "merged: each key once")
                    .containsExactly(appends ? 230L : 180L, 180L, appends ? 50L : 0L);
        }
        assertThat(next.watermark().get().committed()).contains(changed(179));
        List<JournalEntry> runs = journal();
        assertThat(runs).as("the journal now has the next run").hasSize(2);
        assertThat(runs.get(1).status()).isEqualTo(JournalEntry.SUCCESS);
        assertThat(runs.get(1).watermark()).isEqualTo(changed(179).text());
        assertThat(runs.get(1).rowCount()).isEqualTo(next.rowsRead());
    }
}
