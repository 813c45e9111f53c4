package dev.hygge.postgres;

import dev.hygge.Hygge;
import dev.hygge.spi.Connection;
import dev.hygge.spi.ConnectionFactory;
import dev.hygge.spi.HyggeContext;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TableStoreContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The table Store contract against the real PostgreSQL server ({@link PostgresServer}), a schema
 * of its own per test, dropped after it.
 */
@ExtendWith(PostgresServer.class)
class PostgresTableStoreTest extends TableStoreContract {
    private static final String CONNECTION = "contract";

    /** Hands the runtime a pool over the test server as the named connection the Store options name. */
    static final class ServerConnections implements ConnectionFactory<ServerConnections.None> {
        /** The server comes from {@link PostgresServer}: nothing to configure. */
        public static final class None {}

        @Override
        public String type() {
            return "postgres-test-server";
        }

        @Override
        public Class<None> optionsType() {
            return None.class;
        }

        @Override
        public Connection open(String name, None options, HyggeContext context) {
            return PostgresServer.pool(name, 8);
        }
    }

    @Override
    protected Database freshDatabase(Path dir) throws Exception {
        String schema = PostgresServer.freshSchema("hygge_contract");
        return new Database(Map.of("connection", CONNECTION), schema, PostgresServer::connect,
                () -> PostgresServer.dropSchema(schema));
    }

    @Override
    protected Hygge runtime() {
        return runtime(CONNECTION);
    }

    static Hygge runtime(String connection) {
        return Hygge.builder()
                .plugins(Plugins.builder().store(new PostgresStoreFactory()).connection(new ServerConnections()).build())
                .connection(connection, "postgres-test-server", Map.of())
                .progressInterval(null)
                .build();
    }

    @Override
    protected String storeType() {
        return "postgres";
    }

    /** VARCHAR(n), sized by the shared rule; TEXT past max_varchar. */
    @Override
    protected boolean boundsStrings() {
        return true;
    }
}
