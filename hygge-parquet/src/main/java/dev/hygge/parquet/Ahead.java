package dev.hygge.parquet;

import dev.hygge.spi.HomeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work started on a daemon thread of its own and waited for where its result is needed: what
 * {@link ParquetHome#planned} reads while the engine opens the Store.
 *
 * <pre>{@code
 * Ahead ahead = Ahead.start("hygge-parquet-plan", this::listFiles);
 * ahead.await();          // throws what listFiles threw
 * ahead.awaitQuietly();   // before closing what it uses
 * }</pre>
 */
final class Ahead {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Ahead() {}

    static Ahead start(String threadName, Runnable work) {
        Ahead ahead = new Ahead();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                ahead.done.complete(null);
            } catch (Throwable t) {
                ahead.done.completeExceptionally(t);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return ahead;
    }

    /** Waits for the work, throwing what it threw (an exception not unchecked inside a {@link HomeException}). */
    void await() {
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new HomeException("Planning the read failed: " + e.getCause(), e.getCause());
        }
    }

    /** Waits for the work, ignoring its error (the caller never asked for its result). */
    void awaitQuietly() {
        done.exceptionally(t -> null).join();
    }
}
