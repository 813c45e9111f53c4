package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names from config that would break or escape a statement if concatenated raw: backticks, quotes,
 * semicolons, comment markers. Quoted by the dialect, each names exactly one table and one column,
 * through the Store (LOAD DATA, staging, swap) and the Home (split ranges) alike, and nothing else in
 * the database is touched.
 */
@ExtendWith(MysqlServer.class)
class MysqlHostileNamesTest {
    private static final String TABLE = "t`; DROP TABLE victim; -- '\"";
    private static final String COLUMN = "c`) ; DROP TABLE victim; #";
    private String database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = MysqlServer.freshDatabase("hostile");
        MysqlFixture.execute(database, "CREATE TABLE victim (id INT)", "INSERT INTO victim VALUES (1)",
                "CREATE TABLE src (`" + COLUMN.replace("`", "``") + "` INT, v VARCHAR(20))",
                "INSERT INTO src VALUES (1, 'a'), (2, 'b\\t\\n'), (3, NULL)");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        MysqlServer.drop(database);
    }

    @Test
    void aHostileTableAndColumnAreWrittenAndReadAsNamed() throws Exception {
        for (String ifExists : List.of("replace", "replace", "truncate", "append")) {
            try (Hygge hygge = MysqlFixture.runtime(database)) {
                hygge.flow("hostile")
                        .from("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", "src",
                                "partition_column", COLUMN, "partitions", 2))
                        .to("mysql", Map.of("connection", MysqlFixture.CONNECTION, "table", TABLE, "if_exists", ifExists))
                        .parallelism(2)
                        .run();
            }
        }
        String quoted = "`" + TABLE.replace("`", "``") + "`";
        String column = "`" + COLUMN.replace("`", "``") + "`";
        assertThat(MysqlFixture.strings(database, "SELECT " + column + ", v FROM " + quoted + " ORDER BY 1"))
                .containsExactly(List.of("1", "a"), List.of("1", "a"), List.of("2", "b\t\n"), List.of("2", "b\t\n"),
                        java.util.Arrays.asList("3", null), java.util.Arrays.asList("3", null));
        assertThat(MysqlFixture.strings(database, "SELECT id FROM victim")).containsExactly(List.of("1"));
        assertThat(MysqlFixture.strings(database, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() ORDER BY table_name").stream().map(r -> r.get(0)).toList())
                .containsExactlyInAnyOrder("src", "victim", TABLE);
    }
}
