package dev.hygge.parquet;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads embedded DuckDB's native library on a daemon thread, once per JVM, while the runtime is
 * still binding the flow's options:
 *
 * <pre>{@code
 * EngineWarmup.start();   // from the factories' optionsType(), just before Jackson binds the options
 * }</pre>
 *
 * <p>Why: in a fresh JVM a parquet flow first spends ~0.3 s in Jackson (binding options) and then
 * ~0.3 s unpacking and loading DuckDB's 57 MB native library, one after the other on the main
 * thread, while the second core idles. Overlapping the two took a tiny-file copy from 0.82 s to
 * 0.70 s (medians of 6, timed inside the JVM; with an AppCDS archive, where Jackson starts faster,
 * both take ~0.55 s). The warm-up opens a throwaway database and runs
 * {@code SELECT 1}; warming the Arrow C stream path as well measured no better, and would touch
 * Arrow's memory set-up off the main thread. A failure here is only logged: the flow then loads
 * the engine itself and reports any real error.
 */
final class EngineWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmup.class);
    /** How long JVM exit waits for a warm-up still loading the library (it takes well under a second). */
    private static final long EXIT_WAIT_SECONDS = 10;
    private static final AtomicReference<CompletableFuture<Boolean>> STARTED = new AtomicReference<>();

    private EngineWarmup() {}

    /**
     * Starts the warm-up unless it was started before. The future completes with {@code true} once
     * the engine is loaded, {@code false} when the warm-up failed (logged at debug).
     */
    static CompletableFuture<Boolean> start() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (!STARTED.compareAndSet(null, done)) {
            return STARTED.get();
        }
        Thread thread = new Thread(() -> {
            boolean warm = false;
            try {
                run();
                warm = true;
            } catch (Throwable e) { // NOPMD - never let a warm-up failure escape its thread
                LOG.debug("parquet engine warm-up failed (the flow loads the engine itself): {}", e.toString());
            } finally {
                done.complete(warm);
            }
        }, "hygge-parquet-warmup");
        thread.setDaemon(true);
        try {
            // a JVM that exits while DuckDB unpacks its library leaves a 57 MB temp file behind (its
            // delete-on-exit is registered after the copy): exit waits for the warm-up instead
            Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(done), "hygge-parquet-warmup-exit"));
        } catch (IllegalStateException shuttingDown) {
            done.complete(false);
            return done;
        }
        thread.start();
        return done;
    }

    private static void awaitQuietly(CompletableFuture<Boolean> done) {
        try {
            done.get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("parquet engine warm-up still running at exit: {}", e.toString());
        }
    }

    private static void run() throws Exception {
        long start = System.nanoTime();
        try (DuckDb duckdb = DuckDb.open(1, "64MB");
             DuckDBConnection connection = duckdb.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
        }
        LOG.debug("parquet engine warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
