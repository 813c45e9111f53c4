package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.HyggeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DuckDB connection's {@code test()} (what {@code hygge debug} prints): one query on the file, or a failure naming it. */
class DuckDbConnectionTestTest {
    @TempDir
    Path dir;

    @Test
    void answersWithTheVersionAndTheFile() {
        Path file = dir.resolve("t.duckdb");
        try (DuckDbDatabase db = DuckDbDatabase.open("warehouse", file.toString(), false)) {
            assertThat(db.test()).startsWith("DuckDB v").endsWith(file.toAbsolutePath().normalize().toString());
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void aClosedDatabaseFailsNamingTheConnection() {
        DuckDbDatabase db = DuckDbDatabase.open("warehouse", DuckDbDatabase.MEMORY, false);
        db.close();
        assertThatThrownBy(db::test).isInstanceOf(HyggeException.class)
                .hasMessageContaining("connection 'warehouse'").hasMessageContaining("does not answer a query");
    }
}
