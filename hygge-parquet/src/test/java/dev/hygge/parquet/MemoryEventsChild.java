package dev.hygge.parquet;

import dev.hygge.testkit.ChildJvm;
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
        try (DuckDb duckdb = DuckDb.open(1, "256MB"); DuckDBConnection c = duckdb.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 42")) {
            r.next();
            System.out.println("value=" + r.getInt(1) + " registered=" + ChildJvm.jfrEventRegistered("duckdb.MemoryUsage"));
        }
    }
}
