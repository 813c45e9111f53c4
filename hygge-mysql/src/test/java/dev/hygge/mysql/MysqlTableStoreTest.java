package dev.hygge.mysql;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TableStoreContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The table Store contract against the real MariaDB/MySQL server ({@link MysqlServer}), a
 * database of its own per test, dropped after it. Without a server every test reports itself
 * skipped saying how to run it (or fails, where {@code HYGGE_REQUIRE_SERVERS=1}).
 */
@ExtendWith(MysqlServer.class)
class MysqlTableStoreTest extends TableStoreContract {
    private static final String CONNECTION = "contract";
    private String database;

    @Override
    protected Database freshDatabase(Path dir) throws Exception {
        database = MysqlServer.freshDatabase("contract");
        String db = database;
        // two LOAD DATA streams where the contract asks for parallel streams (the Store's default is one)
        return new Database(Map.of("connection", CONNECTION, "parallel_workers", 2), db, () -> MysqlServer.connect(db), () -> MysqlServer.drop(db));
    }

    @Override
    protected Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().store(new MysqlStoreFactory()).connection(new MysqlConnectionFactory()).build())
                .connection(CONNECTION, "mysql", MysqlServer.connectionOptions(database, 6))
                .progressInterval(null)
                .build();
    }

    @Override
    protected String storeType() {
        return "mysql";
    }

    /** VARCHAR(n), sized by the shared rule; LONGTEXT past 1,024 characters. */
    @Override
    protected boolean boundsStrings() {
        return true;
    }
}
