package dev.hygge.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.Hygge;
import dev.hygge.spi.Watermark;
import dev.hygge.spi.WatermarkFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mysql Home's incremental read on the real server, for every kind of watermark column: the
 * watermark is bound as a typed parameter ({@link MysqlWatermark}), so the server compares in the
 * column's type, to the microsecond, past 2^63 and across the TIMESTAMP zone rule; table, query and
 * key-range splits all get the condition.
 */
@ExtendWith(MysqlServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MysqlIncrementalTest {
    private String database;

    @BeforeAll
    void createTable() throws Exception {
        database = MysqlServer.freshDatabase("incr");
        MysqlFixture.execute(database, "CREATE TABLE events (id INT PRIMARY KEY, dt DATETIME(6), ts TIMESTAMP(6) NULL,"
                        + " day DATE, amount DECIMAL(10,2), u BIGINT UNSIGNED, code VARCHAR(10))",
                "INSERT INTO events VALUES"
                        + " (1, '2024-01-01 10:00:00.000001', '2024-01-01 10:00:00.000001', '2024-01-01', 1.10, 9223372036854775807, 'a'),"
                        + " (2, '2024-01-01 10:00:00.000002', '2024-01-01 10:00:00.000002', '2024-01-02', 1.20, 9223372036854775808, 'b'),"
                        + " (3, '2024-01-02 00:00:00', '2024-01-02 00:00:00', '2024-01-03', 2.00, 18446744073709551615, 'c'),"
                        + " (4, NULL, NULL, NULL, NULL, NULL, NULL)");
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (database != null) {
            MysqlServer.drop(database);
        }
    }

    static List<Arguments> watermarks() {
        return List.of(
                Arguments.of("dt", Watermark.of(LocalDateTime.parse("2024-01-01T10:00:00.000001")), List.of("2", "3")),
                Arguments.of("ts", Watermark.of(Instant.parse("2024-01-01T10:00:00.000001Z")), List.of("2", "3")),
                Arguments.of("day", Watermark.of(LocalDate.parse("2024-01-02")), List.of("3")),
                Arguments.of("amount", Watermark.of(new BigDecimal("1.10")), List.of("2", "3")),
                // BIGINT UNSIGNED reads as decimal(20,0), so its watermark is a decimal
                Arguments.of("u", Watermark.of(new BigDecimal("9223372036854775808")), List.of("3")),
                Arguments.of("id", Watermark.of(2), List.of("3", "4")),
                Arguments.of("code", Watermark.of("a"), List.of("2", "3")));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("watermarks")
    void readsOnlyTheRowsAfterTheWatermark(String column, Watermark after, List<String> ids) throws Exception {
        for (Map<String, Object> source : List.<Map<String, Object>>of(
                Map.of("table", "events"),
                Map.of("query", "SELECT * FROM events"),
                Map.of("table", "events", "partition_column", "id", "partitions", 3))) {
            try (Hygge hygge = MysqlFixture.runtime(database)) {
                Map<String, Object> options = new java.util.HashMap<>(source);
                options.put("connection", MysqlFixture.CONNECTION);
                MysqlHome home = MysqlFixture.home(hygge, options);
                home.restrict(new WatermarkFilter(column, Optional.of(after), false));
                List<String> read = MysqlFixture.read(home, hygge).stream().map(r -> r.get(0)).sorted().toList();
                assertThat(read).as("%s", source).isEqualTo(ids);
            }
        }
    }
}
