package dev.hygge.duckdb;

import dev.hygge.Hygge;
import dev.hygge.testkit.TableStoreContract;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

/**
 * The table Store contract against a DuckDB file per test, read back through DuckDB's own JDBC
 * driver (a connection per query: the Store's writes have closed theirs by then).
 */
class DuckDbTableStoreTest extends TableStoreContract {
    @Override
    protected Database freshDatabase(Path dir) {
        Path file = dir.resolve("w.duckdb");
        return new Database(Map.of("path", file.toString()), "main", () -> DriverManager.getConnection("jdbc:duckdb:" + file));
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
