package dev.hygge.spi;

/**
 * One-time work a plugin does as a run starts, on hygge's warm-up thread ({@link dev.hygge.Warmup}),
 * while the application reads its project: loading a native library its driver extracts from a
 * jar (DuckDB's: 57 MB, ~0.4 s of a slow core), which the first flow would otherwise wait for.
 * Registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.hygge.spi.StartupTask}).
 *
 * <pre>{@code
 * public final class DuckDbStartup implements StartupTask {
 *     public void run() {
 *         NativeLibraries.load("org.duckdb.DuckDBNative", DuckDBDriver.class.getClassLoader(), "libduckdb_java", ".so");
 *     }
 * }
 * }</pre>
 *
 * <p>A task must be safe to run beside the code that needs its result (that code does the same
 * work again, or waits for it, as a class initialiser or {@link NativeLibraries} does), must not
 * open files or connections a run has not asked for, and may fail: its error is logged at debug
 * and met again, with its real message, where the work is needed.
 *
 * @since 0.1
 */
public interface StartupTask {
    /** Does the work; called at most once per JVM. */
    void run();
}
