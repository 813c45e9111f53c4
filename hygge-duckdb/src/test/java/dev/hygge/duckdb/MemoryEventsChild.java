package dev.hygge.duckdb;

import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a child JVM: opens a DuckDB file as a Store does, reads a value from it, then prints
 * {@code value=<42> registered=<whether DuckDB's JFR memory event is registered>}.
 */
public final class MemoryEventsChild {
    private MemoryEventsChild() {}

    public static void main(String[] args) throws Exception {
        int value;
        try (DuckDbDatabase db = DuckDbDatabase.open("child", args[0], false);
             java.sql.Connection c = db.duplicate(); Statement s = c.createStatement();
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
