package dev.hygge.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination table in memory that outlives the Stores writing it (each attempt of a flow given
 * by type name creates its own Store), with its rows and its state committed together, as a
 * database's transaction would: {@link MemoryTableStore} writes it.
 */
public final class MemoryTable {
    private final List<List<Object>> rows = new ArrayList<>();
    private final Map<String, String> state = new HashMap<>();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger transientFailures = new AtomicInteger();
    private final AtomicInteger lastingFailures = new AtomicInteger();
    private final List<Boolean> incrementalRequests = new ArrayList<>();

    /** The committed rows. */
    public synchronized List<List<Object>> rows() {
        return List.copyOf(rows);
    }

    /** The committed state. */
    public synchronized Map<String, String> state() {
        return Map.copyOf(state);
    }

    public int commits() {
        return commits.get();
    }

    /** Whether each write begun was incremental ({@code WriteRequest.incremental}), in order. */
    public synchronized List<Boolean> incrementalRequests() {
        return List.copyOf(incrementalRequests);
    }

    /** The next {@code times} writes fail while consuming, with a fault the Store calls transient (a deadlock victim). */
    public void failTransiently(int times) {
        transientFailures.set(times);
    }

    /** The next {@code times} writes fail while consuming, with a lasting fault. */
    public void failLastingly(int times) {
        lastingFailures.set(times);
    }

    synchronized Optional<String> state(String key) {
        return Optional.ofNullable(state.get(key));
    }

    synchronized void begun(boolean incremental) {
        incrementalRequests.add(incremental);
    }

    void consuming() {
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MemoryTableStore.DeadlockVictim("chosen as the deadlock victim, as asked");
        }
        if (lastingFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the table is read-only, as asked");
        }
    }

    /**
     * Applies one write: {@code replace} empties the table first; with a {@code mergeKey} column
     * index (-1: none) a row replaces the one with its key; the state is set in the same step.
     */
    synchronized void commit(List<List<Object>> written, boolean replace, int mergeKey, Map<String, String> newState) {
        if (replace) {
            rows.clear();
        }
        for (List<Object> row : written) {
            if (mergeKey >= 0) {
                rows.removeIf(r -> r.get(mergeKey).equals(row.get(mergeKey)));
            }
            rows.add(row);
        }
        state.putAll(newState);
        commits.incrementAndGet();
    }
}
