package dev.hygge.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/** DuckDB as the reference reader and fixture writer of the tests. */
final class DuckDbCheck {
    private DuckDbCheck() {}

    static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static List<List<Object>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String parquet) {
        return ((Number) query("SELECT count(*) FROM read_parquet(" + DuckDb.literal(parquet) + ")").get(0).get(0)).longValue();
    }

    /** Row count, column types and an order-independent checksum per column, as DuckDB reads them. */
    static Map<String, Object> checksums(String parquet) {
        String source = "read_parquet(" + DuckDb.literal(parquet) + ", hive_partitioning = false)";
        Map<String, Object> sums = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        for (List<Object> column : query("DESCRIBE SELECT * FROM " + source)) {
            columns.add((String) column.get(0));
            sums.put(column.get(0) + " type", column.get(1));
        }
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (String column : columns) {
            sql.append(", sum(hash(").append(DuckDb.identifier(column)).append(")::HUGEINT), count(")
                    .append(DuckDb.identifier(column)).append(")");
        }
        List<Object> row = query(sql + " FROM " + source).get(0);
        sums.put("rows", row.get(0));
        for (int i = 0; i < columns.size(); i++) {
            sums.put(columns.get(i), row.get(1 + 2 * i) + "/" + row.get(2 + 2 * i));
        }
        return sums;
    }

    static String glob(Path folder) {
        return folder.toString() + "/**/*.parquet";
    }

    private static Connection connect() throws SQLException {
        Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        return c;
    }
}
