package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Watermark;
import dev.hygge.testkit.ChangingTable;
import dev.hygge.testkit.ChangingTableHome;
import dev.hygge.testkit.GeneratedHomeFactory;
import dev.hygge.testkit.MemoryJournal;
import dev.hygge.testkit.MemoryTable;
import dev.hygge.testkit.MemoryTableStore;
import dev.hygge.testkit.TestKit;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Incremental runs end to end on the engine: a changing source table read incrementally, a
 * destination that commits its rows and its watermark together (or not, and the journal keeps it).
 */
class IncrementalFlowTest {
    private static final LocalDateTime T0 = LocalDateTime.parse("2026-12-01T10:00:00");

    private final ChangingTable source = new ChangingTable();
    private final MemoryTable destination = new MemoryTable();
    private final MemoryJournal journal = new MemoryJournal();
    private final Hygge hygge = TestKit.runtime(Plugins.builder().home(new ChangingTableHome.Factory(source))
            .home(new GeneratedHomeFactory()).store(new MemoryTableStore.Factory(destination)));

    @AfterEach
    void close() {
        hygge.close();
    }

    /** {@code T0} plus {@code n} nanoseconds: every watermark here differs from the next in its last digit. */
    private static LocalDateTime t(long n) {
        return T0.plusNanos(n);
    }

    private FlowResult run(Incremental spec, Map<String, ?> store, UnaryOperator<Flow.Builder> more) {
        return hygge.run(more.apply(hygge.flow("orders").from("changing", Map.of("batch_size", 2)).to("memory", store)
                .incremental(spec).retryDelay(Duration.ZERO).journal(journal)).build());
    }

    private FlowResult run(Incremental spec) {
        return run(spec, Map.of(), b -> b);
    }

    private List<Long> ids() {
        return destination.rows().stream().map(r -> (Long) r.get(0)).sorted().toList();
    }

    @Test
    void theFirstRunReadsAllTheNextOnlyNewerRowsAndNothingNewReadsNothing() {
        source.add(1, t(1), "a").add(2, t(2), "b").add(3, t(3), "c");
        Incremental spec = Incremental.on("updated_at");

        FlowResult first = run(spec);
        assertThat(first.succeeded()).as("%s", first.error()).isTrue();
        assertThat(first.rowsRead()).isEqualTo(3);
        assertThat(first.watermark().get().previous()).isEmpty();
        assertThat(first.watermark().get().committed()).contains(Watermark.of(t(3)));
        assertThat(destination.state()).containsOnlyKeys(WatermarkState.KEY);

        source.add(4, t(4), "d").add(5, t(3), "late, not re-read without a lookback");
        FlowResult second = run(spec);
        assertThat(second.rowsRead()).isEqualTo(1);
        assertThat(second.watermark().get().previous()).contains(Watermark.of(t(3)));
        assertThat(second.watermark().get().source()).isEqualTo("store");
        assertThat(second.watermark().get().committed()).contains(Watermark.of(t(4)));
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L);

        FlowResult third = run(spec);
        assertThat(third.succeeded()).isTrue();
        assertThat(third.rowsRead()).isZero();
        assertThat(third.watermark().get().committed()).as("nothing read keeps the last").contains(Watermark.of(t(4)));
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(destination.incrementalRequests()).containsExactly(true, true, true);
    }

    @Test
    void aLookbackReReadsLateRowsAndAMergingStoreKeepsOneOfEach() {
        source.add(1, t(100), "a").add(2, t(200), "b");
        Incremental spec = Incremental.on("id").primaryKey("id").lookback(1);
        Map<String, Object> merging = Map.of("merge_on", "id");
        run(spec, merging, b -> b);
        source.add(3, t(300), "c");

        FlowResult second = run(spec, merging, b -> b);

        assertThat(second.rowsRead()).as("id 2 re-read (lookback 1) and id 3").isEqualTo(2);
        assertThat(ids()).containsExactly(1L, 2L, 3L);
        assertThat(second.watermark().get().committed()).contains(Watermark.of(3));
    }

    @Test
    void aDurationLookbackReReadsTheWindow() {
        source.add(1, T0, "a").add(2, T0.plusHours(3), "b");
        Incremental spec = Incremental.on("updated_at").lookback(Duration.ofHours(2));
        run(spec, Map.of("merge_on", "id"), b -> b);
        source.add(3, T0.plusHours(2), "late by an hour");

        FlowResult second = run(spec, Map.of("merge_on", "id"), b -> b);

        assertThat(second.rowsRead()).as("rows after 11:00: id 2 again and the late id 3").isEqualTo(2);
        assertThat(ids()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void nullWatermarksAreCountedOnEveryRunAndLoadedOnlyWhenAsked() {
        source.add(1, t(1), "a").add(2, null, "no timestamp").add(3, t(3), "c").add(4, null, "none either");
        FlowResult first = run(Incremental.on("updated_at"));
        assertThat(first.watermark().get().nullRows()).isEqualTo(2);
        assertThat(first.watermark().get().nullsLoaded()).isFalse();
        assertThat(first.rowsRead()).isEqualTo(2);
        assertThat(ids()).containsExactly(1L, 3L);
        assertThat(journal.entries().get(0).message()).isEqualTo(
                "2 rows with a NULL updated_at (not loaded; set include_nulls: true to load them)");
        assertThat(first.warnings()).as("rows left out are a warning of the run, once in the journal")
                .containsExactly("2 rows with a NULL updated_at (not loaded; set include_nulls: true to load them)");

        FlowResult second = run(Incremental.on("updated_at"));
        assertThat(second.watermark().get().nullRows()).as("counted again").isEqualTo(2);
        assertThat(second.rowsRead()).isZero();

        FlowResult withNulls = run(Incremental.on("updated_at").includeNulls(true), Map.of("merge_on", "id"), b -> b);
        assertThat(withNulls.watermark().get().nullRows()).isEqualTo(2);
        assertThat(withNulls.rowsWritten()).isEqualTo(2);
        assertThat(withNulls.warnings()).as("loaded: nothing left out").isEmpty();
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aMissingOrUnorderableColumnFailsBeforeAnyWrite() {
        source.add(1, t(1), "a");
        FlowResult missing = run(Incremental.on("changed_at"));
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.error().get()).hasMessage("Flow orders: the watermark column 'changed_at' is not a column of"
                + " changing table; fix watermark_column; nothing was written");
        FlowResult flag = run(Incremental.on("flag"));
        assertThat(flag.error().get()).hasMessage("Flow orders: the watermark column 'flag' is of type Bool, which cannot be"
                + " ordered as a watermark; use an integer, decimal, date, timestamp or text column; nothing was written");
        FlowResult count = run(Incremental.on("updated_at").lookback(10));
        assertThat(count.error().get().getMessage()).startsWith("Flow orders: column 'updated_at': lookback 10 values does not"
                + " apply to a timestamp watermark: give a duration, such as 2h or 3d");
        assertThat(missing.attempts()).as("a mistake is not retried").isEqualTo(1);
        assertThat(source.opens()).isZero();
        assertThat(destination.incrementalRequests()).isEmpty();
        assertThat(destination.commits()).isZero();
    }

    @Test
    void aHomeThatCannotReadIncrementallyIsNamed() {
        FlowResult result = hygge.run(hygge.flow("orders").from("generated", Map.of()).to("memory", Map.of())
                .incremental(Incremental.on("id")).build());

        assertThat(result.error().get().getMessage()).startsWith("Flow orders is incremental, but its Home generated(")
                .contains("cannot read incrementally (it does not implement SupportsIncremental)");
        assertThat(destination.commits()).isZero();
    }

    @Test
    void withoutStateTheJournalKeepsTheWatermarkInTheOriginalsColumns() {
        source.add(1, t(1), "a").add(2, t(2), "b");
        Map<String, Object> plain = Map.of("keep_state", false);
        Incremental spec = Incremental.on("updated_at").primaryKey("id");
        run(spec, plain, b -> b.coordinator("sales"));
        assertThat(destination.state()).isEmpty();
        JournalEntry entry = journal.entries().get(0);
        assertThat(entry.status()).isEqualTo("success");
        assertThat(entry.runType()).isEqualTo("incremental");
        assertThat(entry.coordinator()).isEqualTo("sales");
        assertThat(entry.entity()).isEqualTo("orders");
        assertThat(entry.rowCount()).isEqualTo(2);
        assertThat(entry.primaryKey()).isEqualTo("id");
        assertThat(entry.watermarkColumn()).isEqualTo("updated_at");
        assertThat(entry.watermarkType()).isEqualTo("datetime");
        assertThat(entry.watermark()).isEqualTo("2026-12-01T10:00:00.000000002");
        assertThat(entry.schemaVersion()).isEqualTo("1.0");

        source.add(3, t(3), "c");
        FlowResult second = run(spec, plain, b -> b);
        assertThat(second.watermark().get().source()).isEqualTo("journal");
        assertThat(second.rowsRead()).isEqualTo(1);
        assertThat(ids()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aJournalTheOriginalWroteIsContinuedFrom() {
        journal.record(new JournalEntry("e1", "c1", "f1", "sales", "orders", "orders", "2025-10-01T00:00:00Z",
                "2025-10-01T00:01:00Z", "success", "incremental", 2L, 60.0, "id", "updated_at", "datetime",
                "2026-12-01 10:00:00.000000002", null, "1.0"));
        source.add(1, t(1), "a").add(2, t(2), "b").add(3, t(3), "c");

        FlowResult result = run(Incremental.on("updated_at"), Map.of("keep_state", false), b -> b);

        assertThat(result.rowsRead()).isEqualTo(1);
        assertThat(ids()).containsExactly(3L);
    }

    @Test
    void aFullRunOfAFlowWithAWatermarkReadsEverythingAndCommitsTheWatermark() {
        source.add(1, t(1), "a").add(2, t(2), "b");
        run(Incremental.on("updated_at"));
        source.add(3, t(3), "c");

        FlowResult full = run(Incremental.on("updated_at"), Map.of(), Flow.Builder::fullDrop);
        assertThat(full.rowsRead()).isEqualTo(3);
        assertThat(full.watermark().get().runType()).isEqualTo(RunType.FULL_DROP);
        assertThat(destination.incrementalRequests()).containsExactly(true, false);
        assertThat(journal.entries().get(1).runType()).isEqualTo("full_drop");
        source.add(4, t(4), "d");

        FlowResult next = run(Incremental.on("updated_at"));
        assertThat(next.watermark().get().previous()).contains(Watermark.of(t(3)));
        assertThat(next.rowsRead()).isEqualTo(1);
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aWatermarkKeptForAnotherColumnIsNotComparedWithThisOne() {
        source.add(1, t(1), "a");
        run(Incremental.on("id"));

        FlowResult result = run(Incremental.on("updated_at"));

        assertThat(result.error().get().getMessage()).isEqualTo("Flow orders: the watermark kept in memory table is for column"
                + " 'id', but watermark_column is now 'updated_at'; run the flow once with --full-drop (run_type: full_drop)"
                + " to read everything and start again");
    }

    @Test
    void aTransientFaultIsRetriedFromTheStartAndLandsOnce() {
        source.add(1, t(1), "a").add(2, t(2), "b").add(3, t(3), "c");
        source.failTransiently(1);
        destination.failTransiently(1);

        FlowResult result = run(Incremental.on("updated_at"));

        assertThat(result.succeeded()).as("%s", result.error()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(ids()).containsExactly(1L, 2L, 3L);
        assertThat(destination.commits()).isEqualTo(1);
        assertThat(journal.entries()).singleElement().satisfies(e -> assertThat(e.message()).contains("3 attempts"));
    }

    @Test
    void aLastingFaultIsNotRetriedAndRetriesRunOut() {
        source.add(1, t(1), "a");
        source.failLastingly(1);
        FlowResult lasting = run(Incremental.on("updated_at"));
        assertThat(lasting.succeeded()).isFalse();
        assertThat(lasting.attempts()).isEqualTo(1);
        assertThat(lasting.error().get().getMessage()).contains("permission denied");

        destination.failTransiently(5);
        FlowResult exhausted = run(Incremental.on("updated_at"), Map.of(), b -> b.retries(2));
        assertThat(exhausted.succeeded()).isFalse();
        assertThat(exhausted.attempts()).isEqualTo(3);
        assertThat(exhausted.error().get().getSuppressed()).hasSize(2);
        assertThat(destination.commits()).isZero();
        assertThat(journal.entries()).extracting(JournalEntry::status).containsExactly("fail", "fail");
        assertThat(journal.entries().get(1).watermark()).isNull();
    }

    @Test
    void aFlowCancelledWhileItWaitsToTryAgainEndsAtOnce() throws Exception {
        source.add(1, t(1), "a");
        source.failTransiently(100);
        FlowHandle handle = hygge.start(hygge.flow("orders").from("changing", Map.of()).to("memory", Map.of())
                .incremental(Incremental.on("updated_at")).retryDelay(Duration.ofMinutes(1)).build());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (source.opens() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();

        handle.cancel();
        FlowResult result = handle.result();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.status()).isEqualTo(FlowStatus.CANCELLED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error().get().getMessage()).contains("cancelled between attempts");
        assertThat(destination.commits()).isZero();
    }

    @Test
    void aJournalThatCannotRecordDoesNotUndoACommittedRun() {
        source.add(1, t(1), "a");
        dev.hygge.spi.RunJournal broken = new dev.hygge.spi.RunJournal() {
            @Override
            public String describe() {
                return "a full disk";
            }

            @Override
            public void record(JournalEntry entry) {
                throw new IllegalStateException("no space left on device");
            }

            @Override
            public List<JournalEntry> entries(String flow, String entity) {
                return List.of();
            }

            @Override
            public List<JournalEntry> entries() {
                return List.of();
            }
        };

        FlowResult result = hygge.run(hygge.flow("orders").from("changing", Map.of()).to("memory", Map.of())
                .incremental(Incremental.on("updated_at")).journal(broken).build());

        assertThat(result.succeeded()).isTrue();
        assertThat(ids()).containsExactly(1L);
        assertThat(destination.state()).as("the watermark is with the rows anyway").isNotEmpty();
    }
}
