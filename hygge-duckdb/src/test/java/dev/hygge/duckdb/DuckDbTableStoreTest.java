package dev.hygge.duckdb;

import dev.hygge.Hygge;
import dev.hygge.testkit.TableStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The table Store contract against a DuckDB file per test, read back through DuckDB's own JDBC
 * driver (a connection per query: the Store's writes have closed theirs by then).
 */
class DuckDbTableStoreTest extends TableStoreContract {
    private Path file;

    @Override
    protected Database freshDatabase(Path dir) {
        file = dir.resolve("w.duckdb");
        return new Database(Map.of("path", file.toString()), "main", () -> DriverManager.getConnection("jdbc:duckdb:" + file));
    }

    /**
     * DuckDB lets one process open a file once: the other writer takes a connection of the instance the Store
     * holds open while it writes (so the instance outlives this reference's close).
     */
    @Override
    protected Connection otherWriter() throws SQLException {
        try (DuckDbDatabase shared = DuckDbDatabase.open("other writer", file.toString(), false)) {
            return shared.duplicate();
        }
    }

    @Override
    protected Hygge runtime() {
        return DuckDb.runtime();
    }

    @Override
    protected String storeType() {
        return "duckdb";
    }

    /** DuckDB ignores declared lengths: text is plain VARCHAR and never overflows. */
    @Override
    protected boolean boundsStrings() {
        return false;
    }
}
