package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.jdbc.TableName;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Table names and merge SQL by the rules of the real server ({@link MysqlServerRules}): a config
 * naming {@code Orders} where {@code orders} exists writes the one table where the server folds
 * names ({@code lower_case_table_names} 1 or 2) and a second table where it does not (0, MariaDB
 * on Linux by default); the merge of the MySQL 8.0.20+ generation runs here too.
 */
@ExtendWith(MysqlServer.class)
class MysqlTableNamesTest {
    private String database;
    private MysqlServerRules rules;

    @BeforeEach
    void createTables() throws Exception {
        database = MysqlServer.freshDatabase("names");
        MysqlFixture.execute(database, "CREATE TABLE orders (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO orders VALUES (1, 'old')",
                "CREATE TABLE source (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO source VALUES (2, 'new'), (3, 'new')");
        try (Connection c = MysqlServer.connect(database)) {
            rules = MysqlServerRules.read(c);
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        MysqlServer.drop(database);
    }

    @Test
    void theDialectReadsTheServersRulesWhenItResolves() throws Exception {
        MysqlDialect dialect = new MysqlDialect();
        try (Connection c = MysqlServer.connect(database)) {
            TableName resolved = dialect.resolve(c, TableName.parse("Orders"));
            assertThat(dialect.rules(c)).isEqualTo(rules);
            assertThat(rules.mariadb()).isEqualTo(rules.version().contains("MariaDB"));
            assertThat(dialect.ignoresIdentifierCase()).isEqualTo(rules.lowerCaseTableNames() != 0);
            assertThat(dialect.tableExists(c, resolved)).as("lower_case_table_names = %d", rules.lowerCaseTableNames())
                    .isEqualTo(rules.lowerCaseTableNames() != 0);
            assertThat(dialect.tableExists(c, dialect.resolve(c, TableName.parse("orders")))).isTrue();
        }
    }

    @Test
    void replacingOrdersWritesTheTableTheServerMeans() throws Exception {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            hygge.flow("orders").from("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "source"))
                    .to("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "Orders", "if_exists", "replace"))
                    .run();
        }
        List<String> tables = MysqlFixture.strings(database, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name <> 'source' AND table_name <> 'hygge_state'"
                + " ORDER BY BINARY table_name").stream().map(r -> r.get(0)).toList();
        if (rules.lowerCaseTableNames() == 0) {
            // two tables by the server's own rule; the old one untouched, no staging table left
            assertThat(tables).containsExactly("Orders", "orders");
            assertThat(MysqlFixture.strings(database, "SELECT id FROM orders")).containsExactly(List.of("1"));
            assertThat(MysqlFixture.strings(database, "SELECT COUNT(*) FROM Orders")).containsExactly(List.of("2"));
        } else {
            assertThat(tables).hasSize(1);
            assertThat(MysqlFixture.strings(database, "SELECT id FROM orders ORDER BY id"))
                    .containsExactly(List.of("2"), List.of("3"));
        }
    }

    /** The derived-table alias MySQL 8.0.20+ gets is plain SQL MariaDB runs too: the choice only avoids a deprecation. */
    @Test
    void theMysql8MergeRunsAndUpsertsHereToo() throws Exception {
        MysqlDialect mysql8 = new MysqlDialect(MysqlServerRules.of("8.0.36", 0));
        MysqlFixture.execute(database, "INSERT INTO source VALUES (1, 'newer')");
        try (Connection c = MysqlServer.connect(database); Statement st = c.createStatement()) {
            for (String sql : mysql8.merge(TableName.parse(database + ".orders"), TableName.parse(database + ".source"),
                    List.of("id", "v"), List.of("id"))) {
                st.execute(sql);
            }
        }
        assertThat(MysqlFixture.strings(database, "SELECT id, v FROM orders ORDER BY id"))
                .containsExactly(List.of("1", "newer"), List.of("2", "new"), List.of("3", "new"));
    }
}
