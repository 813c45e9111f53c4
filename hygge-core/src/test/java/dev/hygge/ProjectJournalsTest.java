package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.JournalFactory;
import dev.hygge.spi.RunJournal;
import dev.hygge.testkit.MemoryJournal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A project's journals: one per file, and no secret in a recorded message. */
class ProjectJournalsTest {
    private final Map<Path, MemoryJournal> opened = new HashMap<>();
    private final JournalFactory factory = new JournalFactory() {
        @Override
        public String format() {
            return "parquet";
        }

        @Override
        public RunJournal open(Path file) {
            return opened.computeIfAbsent(file, f -> new MemoryJournal());
        }
    };

    private static JournalEntry failed(String message) {
        return new JournalEntry("r-1", "r", "r/orders", "shop", "orders", "orders", "2026-12-01T10:00:00Z", "2026-12-01T10:00:01Z",
                JournalEntry.FAIL, "incremental", 0L, 1.0, null, "updated_at", null, null, message, JournalEntry.SCHEMA_VERSION);
    }

    @Test
    void aMessageIsRedactedBeforeItIsRecordedAndEachFileIsOpenedOnce() {
        try (ProjectJournals journals = ProjectJournals.of(factory)) {
            Path file = Path.of("/lake/.hygge_journal/journal.parquet");
            RunJournal journal = journals.open(file, m -> m.replace("hunter2", "${DB_PASSWORD}")).orElseThrow();

            journal.record(failed("login failed for user sa with password hunter2"));
            journals.open(file).orElseThrow().record(failed(null));

            assertThat(opened).hasSize(1);
            assertThat(opened.get(file).entries()).extracting(JournalEntry::message)
                    .containsExactly("login failed for user sa with password ${DB_PASSWORD}", null);
        }
    }

    @Test
    void withoutAJournalFormatNothingIsJournaled() {
        try (ProjectJournals journals = new ProjectJournals(java.util.Optional.empty())) {
            assertThat(journals.open(Path.of("/x/journal.parquet"))).isEmpty();
        }
    }
}
