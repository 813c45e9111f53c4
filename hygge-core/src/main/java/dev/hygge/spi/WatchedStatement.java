package dev.hygge.spi;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one long statement of an {@link SupportsEngineWrite.EngineWrite} (a {@code COPY}, an
 * {@code INSERT ... SELECT}) while a watcher thread reports the engine's progress and cancels the
 * statement ({@link Statement#cancel()}) once the flow is cancelled: the statement runs on the
 * engine's own threads, which interrupting the caller would not reach.
 *
 * <pre>{@code
 * long rows = WatchedStatement.run(statement, () -> statement.executeLargeUpdate(copy),
 *         () -> connection.queryProgress().getRowsProcessed(), progress, "COPY into " + target);
 * }</pre>
 *
 * @since 0.3
 */
public final class WatchedStatement {
    /** How often the watcher looks. */
    static final long POLL_MILLIS = 100;

    /** The statement's work. */
    @FunctionalInterface
    public interface Work {
        long run() throws SQLException;
    }

    /** Rows the running statement has processed so far, as the engine counts them. */
    @FunctionalInterface
    public interface Processed {
        long rows() throws SQLException;
    }

    private WatchedStatement() {}

    /**
     * Runs {@code work} (which executes {@code statement}) on the calling thread; meanwhile, every
     * {@value #POLL_MILLIS} ms, tells {@code progress} what {@code processed} says (errors of the
     * progress query are ignored: progress is a report, not the work), and cancels the statement
     * when {@code progress} says the flow was cancelled.
     *
     * @throws StoreException when the statement was cancelled that way (with the engine's error as cause)
     */
    public static long run(Statement statement, Work work, Processed processed, SupportsEngineWrite.Progress progress,
                           String what) throws SQLException {
        Watcher watcher = new Watcher(statement, processed, progress);
        Thread thread = new Thread(watcher, "hygge-engine-watch");
        thread.setDaemon(true);
        thread.start();
        long rows;
        try {
            rows = work.run();
        } catch (SQLException | RuntimeException e) {
            if (watcher.stop(thread)) {
                throw new StoreException(what + " was cancelled: " + e.getMessage(), e);
            }
            throw e;
        } finally {
            watcher.stop(thread);
        }
        if (watcher.cancelled) {
            throw new StoreException(what + " was cancelled");
        }
        return rows;
    }

    private static final class Watcher implements Runnable {
        private final Statement statement;
        private final Processed processed;
        private final SupportsEngineWrite.Progress progress;
        volatile boolean done;
        volatile boolean cancelled;

        Watcher(Statement statement, Processed processed, SupportsEngineWrite.Progress progress) {
            this.statement = statement;
            this.processed = processed;
            this.progress = progress;
        }

        /** Ends the watcher and waits for it; whether it cancelled the statement. */
        boolean stop(Thread thread) {
            done = true;
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return cancelled;
        }

        @Override
        public void run() {
            long last = 0;
            while (!done) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (done) {
                    return;
                }
                if (progress.cancelled()) {
                    cancelled = true;
                    try {
                        statement.cancel();
                    } catch (SQLException | RuntimeException ignored) {
                        // the statement may have ended meanwhile; the flow is failing either way
                    }
                    return;
                }
                try {
                    long rows = processed.rows();
                    if (rows > last) {
                        last = rows;
                        progress.processed(rows);
                    }
                } catch (SQLException | RuntimeException ignored) {
                    // progress is a report: a failed look is skipped
                }
            }
        }
    }
}
