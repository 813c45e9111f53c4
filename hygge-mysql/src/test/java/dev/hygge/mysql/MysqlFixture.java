package dev.hygge.mysql;

import dev.hygge.Hygge;
import dev.hygge.spi.Home;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Options;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.Split;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** What the end-to-end tests share: a runtime with the mysql plugins on a test database, SQL, and reading a Home whole. */
final class MysqlFixture {
    static final String CONNECTION = "test";

    private MysqlFixture() {}

    /** A runtime with the mysql Home, Store and connection, the connection {@value #CONNECTION} on {@code database}. */
    static Hygge runtime(String database) {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new MysqlHomeFactory()).store(new MysqlStoreFactory())
                        .connection(new MysqlConnectionFactory()).build())
                .connection(CONNECTION, "mysql", MysqlServer.connectionOptions(database, 6))
                .progressInterval(null)
                .build();
    }

    static MysqlHome home(Hygge hygge, Map<String, Object> options) {
        HyggeContext context = hygge.context();
        MysqlHomeFactory factory = new MysqlHomeFactory();
        return (MysqlHome) factory.create(Options.bind(options, MysqlHomeOptions.class, "test Home"), context);
    }

    static void execute(String database, String... statements) throws SQLException {
        try (Connection c = MysqlServer.connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Every row of {@code sql}, each value as {@code getString}. */
    static List<List<String>> strings(String database, String sql) throws SQLException {
        try (Connection c = MysqlServer.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Every row the Home reads over all its splits, each value as Arrow's {@code getObject} text. */
    static List<List<String>> read(Home home, Hygge hygge) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (Split split : home.splits()) {
            try (ArrowReader reader = home.open(split, hygge.context().allocator())) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    for (int r = 0; r < root.getRowCount(); r++) {
                        List<String> row = new ArrayList<>();
                        for (var vector : root.getFieldVectors()) {
                            Object value = vector.getObject(r);
                            row.add(value == null ? null : value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
                                    : value.toString());
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }
}
