package dev.hygge.parquet;

import java.sql.ResultSet;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * Run in a child JVM: starts the embedded DuckDB as a Home does, reads a value, then prints
 * {@code value=<42> registered=<whether DuckDB's JFR memory event is registered>}.
 */
public final class MemoryEventsChild {
    private MemoryEventsChild() {}

    public static void main(String[] args) throws Exception {
        int value;
        try (DuckDb duckdb = DuckDb.open(1, "256MB"); DuckDBConnection c = duckdb.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 42")) {
            r.next();
            value = r.getInt(1);
        }
        // asking the recorder starts JFR here, after DuckDB decided: it lists every event type registered so far
        boolean registered = jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .anyMatch(type -> type.getName().equals("duckdb.MemoryUsage"));
        System.out.println("value=" + value + " registered=" + registered);
    }
}
