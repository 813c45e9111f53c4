package dev.hygge.spi;

import java.util.List;
import java.util.Optional;

/**
 * The run journal: a durable record of every entity run, and where an incremental flow whose Store
 * keeps no state ({@link SupportsState}) finds its last watermark. A journal is safe across threads
 * and processes: two runs recording at once never lose each other's rows, and a crash while
 * recording leaves the journal as it was before that record.
 *
 * @since 0.1
 */
public interface RunJournal extends AutoCloseable {
    /** Where the journal is, for messages. */
    String describe();

    /** Adds {@code entry}; durable when this returns. */
    void record(JournalEntry entry);

    /** The entries of {@code flow}/{@code entity}, oldest first (bounded: a journal compacts old runs away). */
    List<JournalEntry> entries(String flow, String entity);

    /** Every entry, oldest first, for {@code hygge journal}. */
    List<JournalEntry> entries();

    /** The latest successful run of {@code flow}/{@code entity} that committed a watermark. */
    default Optional<JournalEntry> lastWatermark(String flow, String entity) {
        List<JournalEntry> runs = entries(flow, entity);
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).hasWatermark()) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    default void close() {}
}
