package dev.hygge.testkit;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source table that changes between runs, for incremental tests: rows of {@code id} (BIGINT),
 * {@code updated_at} (TIMESTAMP to the nanosecond, nullable), {@code name} (text) and {@code flag}
 * (a boolean: a column that cannot be a watermark). A {@link ChangingTableHome} reads it; a test
 * adds rows, or makes the next reads fail, between runs.
 *
 * <pre>{@code
 * ChangingTable table = new ChangingTable();
 * table.add(1, LocalDateTime.parse("2026-12-01T10:00:00.000000001"), "first");
 * Plugins plugins = Plugins.builder().home(new ChangingTableHome.Factory(table)).store(...).build();
 * }</pre>
 */
public final class ChangingTable {
    /** One row; {@code updatedAt} may be null. */
    public record Row(long id, LocalDateTime updatedAt, String name) {}

    private final List<Row> rows = new ArrayList<>();
    private final AtomicInteger transientFailures = new AtomicInteger();
    private final AtomicInteger lastingFailures = new AtomicInteger();
    private final AtomicInteger opens = new AtomicInteger();

    public synchronized ChangingTable add(long id, LocalDateTime updatedAt, String name) {
        rows.add(new Row(id, updatedAt, name));
        return this;
    }

    /** The rows as they are now. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The next {@code times} reads fail with a fault the Home calls transient (a dropped connection). */
    public void failTransiently(int times) {
        transientFailures.set(times);
    }

    /** The next {@code times} reads fail with a fault the Home calls lasting (a permission denied). */
    public void failLastingly(int times) {
        lastingFailures.set(times);
    }

    /** How many times a split was opened. */
    public int opens() {
        return opens.get();
    }

    /** Called as a split opens: counts it and throws a planned failure. */
    void opening() {
        opens.incrementAndGet();
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ChangingTableHome.DroppedConnection("the connection to the changing table dropped, as asked");
        }
        if (lastingFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("permission denied on the changing table, as asked");
        }
    }
}
