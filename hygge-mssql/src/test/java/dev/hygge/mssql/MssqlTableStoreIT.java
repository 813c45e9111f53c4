package dev.hygge.mssql;

import dev.hygge.Hygge;
import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TableStoreContract;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The table Store contract against a real SQL Server (see {@link MssqlServer}), a schema of its
 * own per test, dropped after it. Without a server every test reports itself skipped, saying how
 * to run it.
 */
@ExtendWith(MssqlServer.Required.class)
class MssqlTableStoreIT extends TableStoreContract {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String CONNECTION = "contract";

    /** Hands the flow's runtime a pool over the test server as the named connection the Store options name. */
    static final class ServerConnections implements ConnectionFactory<ServerConnections.None> {
        /** The server comes from {@link MssqlServer}: nothing to configure. */
        public static final class None {}

        @Override
        public String type() {
            return "mssql-test-server";
        }

        @Override
        public Class<None> optionsType() {
            return None.class;
        }

        @Override
        public Connection open(String name, None options, HyggeContext context) {
            return MssqlServer.pool(name, 8);
        }
    }

    @Override
    protected Database freshDatabase(Path dir) throws Exception {
        String url = MssqlServer.url().orElseThrow(() -> new IllegalStateException(MssqlServer.HOW));
        String schema = "hygge_contract_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (java.sql.Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return new Database(Map.of("connection", CONNECTION), schema, () -> DriverManager.getConnection(url),
                () -> drop(url, schema));
    }

    /** Drops the schema's tables, then the schema. */
    private static void drop(String url, String schema) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + schema + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                st.execute("DROP TABLE [" + schema + "].[" + table + "]");
            }
            st.execute("DROP SCHEMA " + schema);
        }
    }

    @Override
    protected Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().store(new MssqlStoreFactory()).connection(new ServerConnections()).build())
                .connection(CONNECTION, "mssql-test-server", Map.of())
                .progressInterval(null)
                .build();
    }

    @Override
    protected String storeType() {
        return "mssql";
    }

    /** NVARCHAR(n), sized by the shared rule; NVARCHAR(MAX) past 4,000. */
    @Override
    protected boolean boundsStrings() {
        return true;
    }
}
