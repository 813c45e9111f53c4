package dev.hygge.duckdb;

import dev.hygge.testkit.ChildJvm;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a child JVM: opens a DuckDB file as a Store does, reads a value from it, then prints
 * {@code value=<42> registered=<whether DuckDB's JFR memory event is registered>}.
 */
public final class MemoryEventsChild {
    private MemoryEventsChild() {}

    public static void main(String[] args) throws Exception {
        try (DuckDbDatabase db = DuckDbDatabase.open("child", args[0], false);
             java.sql.Connection c = db.duplicate(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 42")) {
            r.next();
            System.out.println("value=" + r.getInt(1) + " registered=" + ChildJvm.jfrEventRegistered("duckdb.MemoryUsage"));
        }
    }
}
