package dev.hygge.postgres;

import dev.hygge.Hygge;
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

    @Override
    protected Database freshDatabase(Path dir) throws Exception {
        String schema = PostgresServer.freshSchema("hygge_contract");
        return new Database(Map.of("connection", CONNECTION), schema, PostgresServer::connect,
                () -> PostgresServer.dropSchema(schema));
    }

    @Override
    protected Hygge runtime() {
        return PostgresServer.runtime(CONNECTION);
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
