package dev.hygge.duckdb;

import java.lang.reflect.Field;
import org.duckdb.DuckDBDriver;
import org.slf4j.LoggerFactory;

/**
 * DuckDB's driver (1.5) registers a JFR periodic event of its databases' memory when its class
 * starts ({@code FlightRecorder.addPeriodicEvent}), which starts JFR's event machinery: 125-180 ms
 * of a cold JVM's CPU (measured with a class-data archive too, the event classes cannot be
 * archived), on the thread of the first connection, whether or not anything records. Unless a
 * recording runs from the JVM's start ({@code -XX:StartFlightRecording}) or
 * {@code -Dhygge.duckdb.memory_events=true} asks for the events, {@link #skipUnlessRecording()}
 * marks the driver's monitor as registered before the driver starts, so it registers nothing.
 * A driver without that monitor (another version) is left as it is.
 *
 * <pre>{@code
 * DuckDbMemoryEvents.skipUnlessRecording();   // before the first new DuckDBDriver()
 * }</pre>
 */
final class DuckDbMemoryEvents {
    /** Set to true, DuckDB registers its JFR memory events as it would without hygge. */
    static final String PROPERTY = "hygge.duckdb.memory_events";
    private static volatile boolean done;

    private DuckDbMemoryEvents() {}

    /** Once per JVM; does nothing once DuckDB's driver has started (its monitor decided then). */
    static void skipUnlessRecording() {
        if (done) {
            return;
        }
        synchronized (DuckDbMemoryEvents.class) {
            if (done) {
                return;
            }
            done = true;
            if (Boolean.getBoolean(PROPERTY)) {
                return;
            }
            try {
                if (jdk.jfr.FlightRecorder.isInitialized()) {
                    return;
                }
                Class<?> monitor = Class.forName("org.duckdb.DuckDBMemoryMonitor", true, DuckDBDriver.class.getClassLoader());
                Field registered = monitor.getDeclaredField("initialized");
                registered.setAccessible(true);
                synchronized (monitor) { // its init() is static synchronized
                    registered.setBoolean(null, true);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(DuckDbMemoryEvents.class).debug("DuckDB's JFR memory events stay as the driver has them", e);
            }
        }
    }
}
