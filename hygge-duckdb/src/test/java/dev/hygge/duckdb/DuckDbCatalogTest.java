package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.jdbc.StateSql;
import dev.hygge.jdbc.TableName;
import dev.hygge.schema.SqlColumn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialect's catalog lookups read the current database and schema inside each query, so they
 * follow the connection through {@code ATTACH}, {@code USE} and reconnects, and say what
 * {@code information_schema} says of tables (columns, staging tables, committed state).
 */
class DuckDbCatalogTest {
    private final DuckDbDialect dialect = new DuckDbDialect();
    @TempDir
    Path dir;

    @Test
    void lookupsFollowUseAndAttachOnOneConnection() throws SQLException {
        Path main = dir.resolve("w.duckdb");
        Path other = dir.resolve("other.duckdb");
        try (DuckDbDatabase db = DuckDbDatabase.open("test", main.toString(), false); Connection c = db.duplicate()) {
            execute(c, "CREATE TABLE orders(id BIGINT, note VARCHAR NOT NULL)", "CREATE SCHEMA raw", "CREATE TABLE raw.Events(x INT)",
                    "ATTACH '" + other + "' AS other", "CREATE TABLE other.main.only_there(y INT)");
            TableName orders = TableName.of("orders");
            assertThat(dialect.resolve(c, TableName.parse("W.MAIN.ORDERS"))).isEqualTo(TableName.of("main", "orders"));
            assertThat(dialect.resolve(c, TableName.parse("raw.events"))).isEqualTo(TableName.of("raw", "Events"));
            assertThat(dialect.resolve(c, TableName.parse("other.main.ONLY_THERE")))
                    .isEqualTo(new TableName("other", "main", "only_there"));
            assertThat(dialect.tableExists(c, orders.withDefaultSchema("main"))).isTrue();
            assertThat(dialect.tableExists(c, TableName.of("main", "only_there"))).isFalse();

            execute(c, "USE other");
            assertThat(dialect.resolve(c, TableName.parse("only_there"))).isEqualTo(TableName.of("main", "only_there"));
            assertThat(dialect.tableExists(c, TableName.of("main", "only_there"))).as("after USE other").isTrue();
            assertThat(dialect.tableExists(c, TableName.of("main", "orders"))).isFalse();
            assertThat(dialect.resolve(c, TableName.parse("w.main.orders"))).as("the first database, now named")
                    .isEqualTo(new TableName("w", "main", "orders"));
            assertThat(dialect.columns(c, new TableName("w", "main", "orders"))).extracting(SqlColumn::name)
                    .containsExactly("id", "note");
            assertThat(dialect.columns(c, TableName.of("main", "orders"))).isEmpty();

            execute(c, "USE w.raw");
            assertThat(dialect.resolve(c, TableName.parse("EVENTS"))).isEqualTo(TableName.of("raw", "Events"));
            assertThat(dialect.currentSchema(c)).isEqualTo("raw");
            execute(c, "USE w.main");
            assertThat(dialect.tableExists(c, TableName.of("main", "orders"))).isTrue();
        }
    }

    @Test
    void aNewConnectionStartsInTheFileItsDatabaseOpened() throws SQLException {
        Path main = dir.resolve("w.duckdb");
        try (DuckDbDatabase db = DuckDbDatabase.open("test", main.toString(), false)) {
            try (Connection c = db.duplicate()) {
                execute(c, "CREATE TABLE orders(id BIGINT)", "ATTACH '" + dir.resolve("other.duckdb") + "' AS other", "USE other");
                assertThat(dialect.tableExists(c, TableName.of("main", "orders"))).isFalse();
            }
            try (Connection c = db.duplicate()) {
                assertThat(dialect.tableExists(c, TableName.of("main", "orders"))).as("a reconnect").isTrue();
                assertThat(dialect.resolve(c, TableName.parse("ORDERS"))).isEqualTo(TableName.of("main", "orders"));
            }
        }
        try (DuckDbDatabase db = DuckDbDatabase.open("test", main.toString(), false); Connection c = db.duplicate()) {
            assertThat(dialect.tableExists(c, TableName.of("main", "orders"))).as("the file opened again").isTrue();
        }
    }

    @Test
    void columnsAndMissingTablesAreAsInformationSchemaSaysThem() throws SQLException {
        try (DuckDbDatabase db = DuckDbDatabase.open("test", dir.resolve("w.duckdb").toString(), false);
             Connection c = db.duplicate()) {
            execute(c, "CREATE TABLE t(a INT, b VARCHAR NOT NULL, c DECIMAL(12,2), d TIMESTAMP WITH TIME ZONE)",
                    "CREATE VIEW v AS SELECT a FROM t");
            assertThat(dialect.tableExists(c, TableName.of("main", "v"))).as("a view is no table a Store writes").isFalse();
            assertThat(dialect.resolve(c, TableName.parse("T"))).isEqualTo(TableName.of("main", "t"));
            assertThat(dialect.resolve(c, TableName.parse("nothing"))).isEqualTo(TableName.of("main", "nothing"));
            assertThat(dialect.tableExists(c, TableName.of("main", "nothing"))).isFalse();
            List<SqlColumn> columns = dialect.columns(c, TableName.of("main", "t"));
            assertThat(columns).extracting(SqlColumn::name).containsExactly("a", "b", "c", "d");
            assertThat(columns).extracting(SqlColumn::nullable).containsExactly(true, false, true, true);
            assertThat(columns).extracting(column -> column.type().ddl())
                    .containsExactly("INTEGER", "VARCHAR", "DECIMAL(12,2)", "TIMESTAMP WITH TIME ZONE");
        }
    }

    /**
     * {@code DESCRIBE} (outside a transaction) and {@code duckdb_columns()} (inside one) give every type, name and
     * nullability alike, names that need quoting included; a missing table has no columns either way.
     */
    @Test
    void describedColumnsAreTheCatalogsOfEveryType() throws SQLException {
        try (DuckDbDatabase db = DuckDbDatabase.open("test", dir.resolve("w.duckdb").toString(), false);
             Connection c = db.duplicate()) {
            execute(c, "CREATE SCHEMA \"raw.Zone\"", "CREATE TYPE mood AS ENUM ('sad', 'ok')",
                    "CREATE TABLE \"raw.Zone\".\"Odd \"\"name\"\".t\" (b BOOLEAN NOT NULL, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT,"
                    + " hi HUGEINT, ut UTINYINT, us USMALLINT, ui UINTEGER, ub UBIGINT, uh UHUGEINT, f FLOAT, d DOUBLE,"
                    + " d1 DECIMAL(4,1), d2 DECIMAL(18,3), d3 DECIMAL(38,10), v VARCHAR, v9 VARCHAR(9), bl BLOB, bs BIT, dt DATE,"
                    + " tm TIME, ttz TIME WITH TIME ZONE, ts TIMESTAMP, tsz TIMESTAMPTZ, ts_s TIMESTAMP_S, ts_ms TIMESTAMP_MS,"
                    + " ts_ns TIMESTAMP_NS, iv INTERVAL, u UUID, j JSON, e ENUM('a', 'b'), m mood, l INTEGER[], a3 VARCHAR[3],"
                    + " st STRUCT(x INTEGER, \"y z\" VARCHAR), mp MAP(VARCHAR, DOUBLE), un UNION(n INTEGER, s VARCHAR),"
                    + " \"Mixed Case\" INTEGER NOT NULL, PRIMARY KEY (bi))");
            TableName odd = TableName.of("raw.Zone", "Odd \"name\".t");
            List<SqlColumn> described = DuckDbCatalog.described(c, odd, dialect);
            List<SqlColumn> catalog = DuckDbCatalog.catalogColumns(c, odd, dialect);
            assertThat(described).hasSize(39).isEqualTo(catalog);
            assertThat(dialect.columns(c, odd)).isEqualTo(catalog);
            assertThat(DuckDbCatalog.described(c, TableName.of("main", "nothing"), dialect)).as("no such table").isEmpty();
            assertThat(DuckDbCatalog.described(c, TableName.of("no_schema", "nothing"), dialect)).as("no such schema").isEmpty();
            execute(c, "CREATE VIEW \"raw.Zone\".broken AS SELECT b FROM \"raw.Zone\".\"Odd \"\"name\"\".t\"");
            execute(c, "ALTER TABLE \"raw.Zone\".\"Odd \"\"name\"\".t\" RENAME COLUMN b TO b2");
            assertThat(DuckDbCatalog.described(c, TableName.of("raw.Zone", "broken"), dialect))
                    .as("another failure: the catalog is asked").isNull();
            execute(c, "DROP VIEW \"raw.Zone\".broken", "ALTER TABLE \"raw.Zone\".\"Odd \"\"name\"\".t\" RENAME COLUMN b2 TO b");
            c.setAutoCommit(false);
            assertThat(dialect.columns(c, odd)).as("in a transaction: the catalog's").isEqualTo(catalog);
            assertThat(dialect.columns(c, TableName.of("main", "nothing"))).isEmpty();
            execute(c, "INSERT INTO \"raw.Zone\".\"Odd \"\"name\"\".t\" (b, bi, \"Mixed Case\") VALUES (true, 1, 1)");
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement();
                 java.sql.ResultSet rows = st.executeQuery("SELECT count(*) FROM " + dialect.qualify(odd))) {
                rows.next();
                assertThat(rows.getLong(1)).as("the transaction was not aborted by a lookup").isEqualTo(1);
            }
            assertThat(described).filteredOn(column -> !column.nullable()).extracting(SqlColumn::name)
                    .containsExactly("b", "bi", "Mixed Case");
            assertThat(dialect.columns(c, TableName.of("main", "nothing"))).isEmpty();
            assertThat(dialect.columns(c, TableName.of("raw.Zone", "nothing"))).isEmpty();
        }
    }

    @Test
    void stagingTablesAreThoseOfTheTargetInItsDatabase() throws SQLException {
        TableName target = TableName.of("main", "orders");
        String staging = dialect.stagingTable(target, "0abcdefxyzw").table();
        try (DuckDbDatabase db = DuckDbDatabase.open("test", dir.resolve("w.duckdb").toString(), false);
             Connection c = db.duplicate()) {
            execute(c, "CREATE TABLE orders(id BIGINT)", "CREATE TABLE \"" + staging + "\"(id BIGINT)",
                    "CREATE TABLE \"" + dialect.stagingTable(TableName.of("main", "other"), "0abcdefxyzw").table() + "\"(id BIGINT)",
                    "ATTACH '" + dir.resolve("other.duckdb") + "' AS other", "CREATE TABLE other.main.\"" + staging + "\"(id BIGINT)");
            assertThat(dialect.stagingTables(c, target)).containsExactly(target.withTable(staging));
            TableName there = new TableName("other", "main", "orders");
            String stagingThere = dialect.stagingTable(there, "0abcdefxyzw").table();
            execute(c, "CREATE TABLE other.main.\"" + stagingThere + "\"(id BIGINT)");
            assertThat(dialect.stagingTables(c, there)).containsExactly(there.withTable(stagingThere));
            execute(c, "USE other");
            assertThat(dialect.stagingTables(c, target)).as("after USE other: its main.orders")
                    .containsExactly(target.withTable(staging));
        }
    }

    @Test
    void committedStateIsEmptyUntilBothTablesExist() throws SQLException {
        StateSql sql = dialect.stateSql();
        TableName orders = TableName.of("main", "orders");
        try (DuckDbDatabase db = DuckDbDatabase.open("test", dir.resolve("w.duckdb").toString(), false);
             Connection c = db.duplicate()) {
            assertThat(sql.readCommitted(c, orders, "k")).isEmpty();
            execute(c, sql.createTable(sql.table(orders)));
            sql.write(c, sql.table(orders), "orders", "k", "42", "run");
            assertThat(sql.readCommitted(c, orders, "k")).as("the table itself is missing").isEmpty();
            execute(c, "CREATE TABLE orders(id BIGINT)");
            assertThat(sql.readCommitted(c, orders, "k")).isEqualTo(Optional.of("42"));
            assertThat(sql.readCommitted(c, orders, "other")).isEmpty();
            execute(c, "ATTACH '" + dir.resolve("other.duckdb") + "' AS other", "USE other");
            assertThat(sql.readCommitted(c, orders, "k")).as("after USE other").isEmpty();
            assertThat(sql.readCommitted(c, new TableName("w", "main", "orders"), "k")).isEqualTo(Optional.of("42"));
        }
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
