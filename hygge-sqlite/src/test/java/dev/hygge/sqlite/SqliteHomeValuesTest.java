package dev.hygge.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.testkit.CollectingStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite keeps any value in any column: the Home reads what other writers left as the declared
 * type says, leniently where only the spelling differs, and fails naming the column and the value
 * where the value is not of the type at all, never wrapping it or reading it as NULL.
 */
class SqliteHomeValuesTest {
    @TempDir
    Path dir;

    private List<List<Object>> read(Path file, String query) {
        CollectingStore back = new CollectingStore(1);
        try (Hygge hygge = Sqlite.runtime()) {
            hygge.flow("read").from("sqlite", Map.of("path", file.toString(), "query", query)).to(back).run();
        }
        return back.committed();
    }

    @Test
    void otherWritersSpellingsOfTimestampsAndNumbersAreRead() throws Exception {
        Path file = dir.resolve("other.db");
        SqliteReadBack.execute(file, "CREATE TABLE t (id INTEGER, at DATETIME, at_tz TIMESTAMPTZ(3), amount DECIMAL(8,2), n NUMERIC)",
                "INSERT INTO t VALUES (1, '2024-03-01T13:45:00.5', '2024-03-01T14:45:00.250+01:00', 12.5, 3.25),"
                        + " (2, '2024-03-01', '2024-03-01 13:45:00Z', '7', 'x')");
        List<List<Object>> rows = read(file, "SELECT * FROM t ORDER BY id");
        assertThat(rows.get(0)).containsExactly(1L, LocalDateTime.of(2024, 3, 1, 13, 45, 0, 500_000_000),
                1_709_300_700_250L, new BigDecimal("12.50"), "3.25");
        assertThat(rows.get(1)).containsExactly(2L, LocalDateTime.of(2024, 3, 1, 0, 0), 1_709_300_700_000L,
                new BigDecimal("7.00"), "x");
    }

    @Test
    void aValueThatIsNotOfTheDeclaredTypeFailsNamingTheColumn() throws Exception {
        Path file = dir.resolve("bad.db");
        SqliteReadBack.execute(file, "CREATE TABLE t (small INT4, day DATE)",
                "INSERT INTO t VALUES (1, '2024-01-01'), (1099511627776, '2024-01-02'), (2, 'soon')");
        assertThatThrownBy(() -> read(file, "SELECT small FROM t")).hasStackTraceContaining("column 'small' holds 1099511627776")
                .hasStackTraceContaining("declare the column INTEGER or BIGINT");
        assertThatThrownBy(() -> read(file, "SELECT day FROM t")).hasStackTraceContaining("column 'day' holds 'soon', which is not a date");
    }
}
