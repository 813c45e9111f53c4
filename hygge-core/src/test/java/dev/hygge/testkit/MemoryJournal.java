package dev.hygge.testkit;

import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.RunJournal;
import java.util.ArrayList;
import java.util.List;

/** A run journal in memory, for engine tests that need no file format. */
public final class MemoryJournal implements RunJournal {
    private final List<JournalEntry> entries = new ArrayList<>();

    @Override
    public String describe() {
        return "memory journal";
    }

    @Override
    public synchronized void record(JournalEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<JournalEntry> entries(String flow, String entity) {
        return entries.stream().filter(e -> e.flow().equals(flow) && e.entity().equals(entity)).toList();
    }

    @Override
    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }
}
