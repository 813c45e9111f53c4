package dev.hygge.duckdb;

import dev.hygge.spi.NativeLibraries;
import dev.hygge.spi.StartupTask;
import org.apache.arrow.c.jni.JniLoader;
import org.duckdb.DuckDBDriver;

/**
 * Loads, on hygge's warm-up thread, the native libraries every DuckDB Home and Store
 * loads at its first use: DuckDB's (which its driver extracts from the jar, 57 MB) and Arrow's C
 * data library (which DuckDB's Arrow export needs), each through {@link NativeLibraries} so the
 * extracted copy is deleted.
 */
public final class DuckDbStartup implements StartupTask {
    @Override
    public void run() {
        NativeLibraries.load("org.duckdb.DuckDBNative", DuckDBDriver.class.getClassLoader(), "libduckdb_java", ".so");
        JniLoader.get().ensureLoaded();
        NativeLibraries.load(JniLoader.class.getName(), JniLoader.class.getClassLoader(), "jnilib-", ".tmp");
    }
}
