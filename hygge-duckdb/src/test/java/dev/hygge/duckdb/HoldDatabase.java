package dev.hygge.duckdb;

/** Run in a child JVM: opens a DuckDB file, says "ready", and holds it until stdin closes. */
public final class HoldDatabase {
    private HoldDatabase() {}

    public static void main(String[] args) throws Exception {
        try (DuckDbDatabase db = DuckDbDatabase.open("holder", args[0], false);
             java.sql.Connection c = db.duplicate()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
