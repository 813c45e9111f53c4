package dev.hygge.jdbc.pool;

import dev.hygge.Hygge;
import dev.hygge.spi.Plugins;
import dev.hygge.testkit.TableStoreContract;
import dev.hygge.testkit.TestKit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The table Store contract against H2 in PostgreSQL mode, one in-memory database per test: the
 * shared table machinery of {@code dev.hygge.jdbc} with the portable insert loader, on an engine
 * that enforces declared lengths.
 */
class H2TableStoreTest extends TableStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected Database freshDatabase(Path dir) {
        String url = "jdbc:h2:mem:contract" + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new Database(Map.of("url", url), "public", () -> DriverManager.getConnection(url), () -> {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        });
    }

    @Override
    protected Hygge runtime() {
        return TestKit.runtime(Plugins.builder().store(new H2StoreFactory()));
    }

    @Override
    protected String storeType() {
        return "h2";
    }

    @Override
    protected boolean boundsStrings() {
        return true;
    }
}
