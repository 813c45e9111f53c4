package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.parquet.faults.ChildJvm;
import dev.hygge.parquet.faults.JournalFaultChild;
import dev.hygge.spi.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal under several writers and under a kill: threads of one JVM and two processes
 * recording into one journal at once lose none of each other's rows, and a process killed while
 * recording leaves the journal as it was before one of its records or after it, never cut, never
 * missing an earlier row; the next record cleans what the killed one left.
 */
class JournalWritersTest {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWritersTest.class);

    @TempDir
    Path dir;

    @Test
    void threadsRecordingAtOnceLoseNoRow() throws Exception {
        Path file = dir.resolve(".hygge_journal/journal.parquet");
        int threads = 6;
        int runs = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String entity = "entity" + t;
                // a journal object per thread, as two flows of one run each open theirs
                done.add(pool.submit(() -> {
                    ParquetJournal journal = ParquetJournal.open(file);
                    for (int i = 0; i < runs; i++) {
                        journal.record(JournalFaultChild.run("threads", entity, i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ParquetJournal journal = ParquetJournal.open(file);
        assertThat(journal.entries()).hasSize(threads * runs);
        for (int t = 0; t < threads; t++) {
            assertThat(journal.entries("threads", "entity" + t)).extracting(JournalEntry::watermark)
                    .containsExactlyElementsOf(IntStream.range(0, runs).mapToObj(Integer::toString).toList());
        }
    }

    @Test
    void twoProcessesRecordingAtOnceLoseNoRow() throws Exception {
        Path file = dir.resolve("journal.parquet");
        int runs = 40;
        Path go = dir.resolve("go");
        ChildJvm a = ChildJvm.start(dir, JournalFaultChild.class, file.toString(), "procs", "a", Integer.toString(runs), go.toString());
        ChildJvm b = ChildJvm.start(dir, JournalFaultChild.class, file.toString(), "procs", "b", Integer.toString(runs), go.toString());
        assertThat(a.await("started", Duration.ofMinutes(2))).as(a.describe()).isTrue();
        assertThat(b.await("started", Duration.ofMinutes(2))).as(b.describe()).isTrue();
        Files.createFile(go);
        assertThat(a.waitFor(Duration.ofMinutes(3))).as(a.describe()).isZero();
        assertThat(b.waitFor(Duration.ofMinutes(3))).as(b.describe()).isZero();

        ParquetJournal journal = ParquetJournal.open(file);
        assertThat(journal.entries()).hasSize(2 * runs);
        for (String entity : List.of("a", "b")) {
            assertThat(journal.entries("procs", entity)).extracting(JournalEntry::entityRunId)
                    .containsExactlyElementsOf(IntStream.range(0, runs).mapToObj(i -> entity + "-" + i).toList());
        }
        // they did record at the same time: each began a record (its start_time) before the other's last one began
        java.util.function.Function<String, List<java.time.Instant>> began = entity -> journal.entries("procs", entity).stream()
                .map(e -> java.time.Instant.parse(e.startTime())).sorted().toList();
        List<java.time.Instant> byA = began.apply("a");
        List<java.time.Instant> byB = began.apply("b");
        assertThat(byA.get(0)).as("a %s, b %s", byA, byB).isBefore(byB.get(runs - 1));
        assertThat(byB.get(0)).as("a %s, b %s", byA, byB).isBefore(byA.get(runs - 1));
    }

    @Test
    void aProcessKilledWhileRecordingLeavesTheJournalAsBeforeOrAfterARecord() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < 6; trial++) {
            Path file = dir.resolve("trial" + trial).resolve("journal.parquet");
            ChildJvm child = ChildJvm.start(dir, JournalFaultChild.class, file.toString(), "kills", "orders", "100000");
            int durable = 1 + random.nextInt(8);
            String where = "trial " + trial + " (seed " + seed + ")";
            assertThat(child.await("recorded " + durable, Duration.ofMinutes(2))).as(where + ": " + child.describe()).isTrue();
            Thread.sleep(random.nextInt(120));
            child.kill();

            ParquetJournal journal = ParquetJournal.open(file);
            List<String> ids = journal.entries("kills", "orders").stream().map(JournalEntry::entityRunId).toList();
            assertThat(ids.size()).as(where).isGreaterThan(durable);
            assertThat(ids).as(where).containsExactlyElementsOf(IntStream.range(0, ids.size()).mapToObj(i -> "orders-" + i).toList());
            assertThat(journal.lastWatermark("kills", "orders").orElseThrow().watermark()).as(where)
                    .isEqualTo(Integer.toString(ids.size() - 1));

            long leftovers;
            try (Stream<Path> files = Files.list(file.getParent())) {
                leftovers = files.filter(f -> f.getFileName().toString().contains(ParquetJournal.PENDING)).count();
            }
            journal.record(JournalFaultChild.run("kills", "orders", ids.size()));
            assertThat(journal.entries()).as(where).hasSize(ids.size() + 1);
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files.map(f -> f.getFileName().toString())).as(where)
                        .containsExactlyInAnyOrder("journal.parquet", "journal.parquet.lock");
            }
            outcomes.add((ids.size() - 1 - durable) + " more" + (leftovers > 0 ? " + a cut new file" : ""));
        }
        LOG.info("journal kills (seed {}): records completed past the one awaited: {}", seed, outcomes);
    }
}
