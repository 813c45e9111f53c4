package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Drivers that register a JFR periodic event when their class starts, guarded by a static
 * "registered" flag of a monitor class (DuckDB's 1.5 driver: {@code DuckDBMemoryMonitor.initialized}).
 * Registering starts JFR's event machinery, 125-180 ms of a cold JVM's CPU, whether or not
 * anything records. {@link #skipUnlessRecording} sets that flag before the driver starts, so the
 * driver registers nothing, unless a recording runs from the JVM's start
 * ({@code -XX:StartFlightRecording}) or {@code -D<property>=true} asks for the event. A driver
 * without that class or field is left as it is.
 *
 * <pre>{@code
 * JfrStartEvents.skipUnlessRecording("org.duckdb.DuckDBMemoryMonitor", "initialized",
 *         DuckDBDriver.class.getClassLoader(), "hygge.duckdb.memory_events");   // before the driver's class starts
 * }</pre>
 *
 * @since 0.9
 */
public final class JfrStartEvents {
    private static final Set<String> DECIDED = ConcurrentHashMap.newKeySet();

    private JfrStartEvents() {}

    /**
     * Once per JVM and monitor class; it needs no native code, so it can run before a driver's
     * native library is loaded. Does nothing once the driver has started (its monitor decided then).
     */
    public static void skipUnlessRecording(String monitorClass, String flagField, ClassLoader loader, String property) {
        requireNonNull(monitorClass, "monitorClass is null");
        requireNonNull(flagField, "flagField is null");
        requireNonNull(property, "property is null");
        if (!DECIDED.add(monitorClass) || Boolean.getBoolean(property)) {
            return;
        }
        try {
            if (jdk.jfr.FlightRecorder.isInitialized()) {
                return;
            }
            Class<?> monitor = Class.forName(monitorClass, true, loader);
            Field registered = monitor.getDeclaredField(flagField);
            registered.setAccessible(true);
            synchronized (monitor) { // the monitor's registration is static synchronized
                registered.setBoolean(null, true);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(JfrStartEvents.class).debug("{}: its JFR start events stay as the driver has them", monitorClass, e);
        }
    }
}
