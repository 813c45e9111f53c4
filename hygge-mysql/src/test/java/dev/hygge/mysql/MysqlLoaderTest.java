package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.StoreException;
import dev.hygge.testkit.ContractRows;
import dev.hygge.testkit.GeneratedHome;
import java.sql.Connection;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The loader on the real server: LOAD DATA takes every row, the batched INSERT used where the
 * server forbids local files takes the same rows, and a value the server would change on the way
 * (LOCAL turns that error into a warning) fails the load rather than being cut.
 */
@ExtendWith(MysqlServer.class)
class MysqlLoaderTest {
    private String database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = MysqlServer.freshDatabase("loader");
        MysqlFixture.execute(database, "CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR(100))",
                "CREATE TABLE narrow (id TINYINT, name VARCHAR(100))");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        MysqlServer.drop(database);
    }

    @Test
    void loadDataAndTheInsertFallbackLoadTheSameRows() throws Exception {
        for (Boolean local : new Boolean[] {true, false}) {
            MysqlFixture.execute(database, "DELETE FROM t");
            assertThat(load(new MysqlLoader(new MysqlDialect(), "test", 7, local), "t", 250)).isEqualTo(250);
            assertThat(MysqlFixture.strings(database, "SELECT COUNT(*), MIN(id), MAX(id), COUNT(DISTINCT name) FROM t"))
                    .as("local_infile %s", local).containsExactly(List.of("250", "0", "249", "250"));
        }
    }

    @Test
    void aValueTheServerWouldChangeFailsTheLoad() {
        // ids up to 249 into a TINYINT: LOCAL makes the out-of-range values warnings, clipped to 127
        assertThatThrownBy(() -> load(new MysqlLoader(new MysqlDialect(), "test", 7, true), "narrow", 250))
                .isInstanceOf(StoreException.class).hasMessageContaining("with warnings")
                .hasMessageContaining("Out of range");
    }

    private long load(MysqlLoader loader, String table, long rows) throws Exception {
        try (Hygge hygge = MysqlFixture.runtime(database)) {
            GeneratedHome home = GeneratedHome.builder(ContractRows.of("row", 0)).rows(rows).batchSize(64).build();
            try (Connection c = MysqlServer.connect(database);
                 ArrowReader reader = home.open(home.splits().get(0), hygge.context().allocator())) {
                return loader.load(c, TableName.parse(database + "." + table), List.of("id", "name"), reader);
            }
        }
    }
}
