package dev.hygge.duckdb;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: a runtime with the DuckDB plugins, and plain SQL against a database file. */
final class DuckDb {
    private DuckDb() {}

    static Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).store(new DuckDbStoreFactory())
                        .connection(new DuckDbConnectionFactory()).build())
                .progressInterval(null)
                .build();
    }

    static void execute(Path file, String... statements) {
        try (DuckDbDatabase db = DuckDbDatabase.open("test", file.toString(), false);
             Connection c = db.duplicate(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<List<Object>> query(Path file, String sql) {
        try (DuckDbDatabase db = DuckDbDatabase.open("test", file.toString(), false);
             Connection c = db.duplicate(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Path file, String table) {
        return ((Number) query(file, "SELECT COUNT(*) FROM " + table).get(0).get(0)).longValue();
    }

    /** Tables whose name starts with hygge_stage_: staging left behind. */
    static long stagingTables(Path file) {
        return ((Number) query(file, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE 'hygge_stage_%'")
                .get(0).get(0)).longValue();
    }
}
