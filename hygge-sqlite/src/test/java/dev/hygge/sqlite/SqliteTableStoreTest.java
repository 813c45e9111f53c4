package dev.hygge.sqlite;

import dev.hygge.Hygge;
import dev.hygge.testkit.TableStoreContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * The table Store contract against a SQLite file per test. SQLite has no {@code information_schema},
 * which the contract reads back through: {@link SqliteReadBack} opens each read-back connection with
 * one attached, filled from {@code sqlite_master} and {@code pragma_table_info} at that moment.
 */
class SqliteTableStoreTest extends TableStoreContract {
    @Override
    protected Database freshDatabase(Path dir) {
        Path file = dir.resolve("w.db");
        return new Database(Map.of("path", file.toString()), "main", () -> SqliteReadBack.open(file));
    }

    @Override
    protected Hygge runtime() {
        return Sqlite.runtime();
    }

    @Override
    protected String storeType() {
        return "sqlite";
    }

    /** SQLite enforces no declared length: inferred text is TEXT and never overflows. */
    @Override
    protected boolean boundsStrings() {
        return false;
    }
}
