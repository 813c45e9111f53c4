package dev.hygge;

import dev.hygge.spi.StartupTask;
import java.lang.management.ManagementFactory;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, on a daemon thread of its own, the one-time initialisations every run meets early, so
 * that they overlap the application's own start (reading the project) instead of waiting inside a
 * flow's first steps:
 *
 * <ul>
 *   <li>Arrow's {@link Schema} class, whose static initialiser builds its JSON reader and writer
 *       (Jackson introspection: ~100 ms of a cold JVM on a slow core, met by the first Home that
 *       describes its columns);</li>
 *   <li>Arrow's memory classes (the first {@link RootAllocator});</li>
 *   <li>the JVM's operating-system bean (the platform MBeans: ~40 ms cold), which Homes and
 *       Stores ask for the machine's memory;</li>
 *   <li>the JSON binding of a kept watermark ({@link WatermarkState}: ~25 ms of Jackson introspection,
 *       met by every incremental flow as it reads its Store's state);</li>
 * </ul>
 *
 * <p>Before these, each plugin's {@link StartupTask} runs (DuckDB's native library, Arrow's C
 * data library: the first thing a CLI run needs, as its journal opens before any flow).
 *
 * <pre>{@code
 * Warmup.start();   // once, as early as possible: the CLI's main, or an app's before building flows
 * }</pre>
 *
 * <p>Each initialiser runs on this one thread, one at a time; whatever fails here is logged at
 * debug and met again, with its real error, where it is used. {@link Hygge} calls this itself;
 * later calls do nothing.
 *
 * @since 0.1
 */
public final class Warmup {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Warmup() {}

    /**
     * The logger, asked for only when there is something to log: SLF4J's first logger scans every jar
     * of the class path for its provider (~35-70 ms of a cold start on 2 cores), which this thread must
     * not wait for before it loads the native libraries, nor the caller before it starts this thread.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(Warmup.class);
    }

    /** Starts the warm-up thread, once per JVM; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(Warmup::run, "hygge-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private static void run() {
        long start = System.nanoTime();
        // the plugins' first: a native library is what a CLI run meets first (its journal opens before any flow)
        try {
            for (StartupTask task : ServiceLoader.load(StartupTask.class, Warmup.class.getClassLoader())) {
                runQuietly(task);
            }
        } catch (ServiceConfigurationError e) {
            log().debug("a plugin's startup task cannot be loaded (met again where used)", e);
        }
        try {
            new Schema(java.util.List.of()).toJson();
            try (BufferAllocator allocator = new RootAllocator(1 << 20)) {
                allocator.buffer(8).close();
            }
            ManagementFactory.getOperatingSystemMXBean();
            dev.hygge.spi.Watermark mark = dev.hygge.spi.Watermark.of(1L);
            WatermarkState.decode(WatermarkState.encode("c", mark), "c", mark.kind(), "warm-up", "warm-up");
        } catch (RuntimeException | LinkageError e) {
            log().debug("warm-up failed (met again where used)", e);
        }
        log().debug("warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static void runQuietly(StartupTask task) {
        try {
            task.run();
        } catch (RuntimeException | LinkageError e) {
            log().debug("startup task {} failed (met again where used)", task.getClass().getName(), e);
        }
    }
}
