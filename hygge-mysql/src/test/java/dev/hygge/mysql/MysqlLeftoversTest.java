package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.jdbc.TableName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a write killed between MySQL's implicitly committed steps leaves is repaired by the next
 * write of the table: a staging table still loading or staged (killed before the swap), and the
 * old table set aside by the atomic swap (killed before its drop) are dropped under the table's
 * server lock, the table itself is never missing, and another table's staging is left alone.
 */
@ExtendWith(MysqlServer.class)
class MysqlLeftoversTest {
    private String database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = MysqlServer.freshDatabase("leftovers");
        MysqlFixture.execute(database, "CREATE TABLE src (id INT, v VARCHAR(10))", "INSERT INTO src VALUES (1, 'a'), (2, 'b')");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        MysqlServer.drop(database);
    }

    @Test
    void theNextWriteDropsWhatAKilledWriteLeft() throws Exception {
        copy("replace");
        MysqlDialect dialect = new MysqlDialect();
        TableName target = TableName.parse(database + ".t");
        // a write that began a second ago: only the server lock says nobody is still loading it
        String token = Long.toString(System.currentTimeMillis() / 1000 - 1, 36) + "abcd";
        TableName staging = dialect.stagingTable(target, token);
        TableName retired = dialect.retired(target, staging);
        TableName other = dialect.stagingTable(TableName.parse(database + ".other"), token);
        for (TableName left : List.of(staging, retired, other)) {
            MysqlFixture.execute(database, "CREATE TABLE " + dialect.qualify(left) + " (id INT)");
        }
        assertThat(tables()).contains(staging.table(), retired.table(), other.table());

        copy("replace");

        assertThat(tables()).containsExactlyInAnyOrder("src", "t", other.table());
        assertThat(MysqlFixture.strings(database, "SELECT id, v FROM t ORDER BY id"))
                .containsExactly(List.of("1", "a"), List.of("2", "b"));
    }

    private void copy(String ifExists) {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            hygge.flow("copy").from("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "src"))
                    .to("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "t", "if_exists", ifExists))
                    .run();
        }
    }

    private List<String> tables() throws Exception {
        return MysqlFixture.strings(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
                .stream().map(r -> r.get(0)).toList();
    }
}
