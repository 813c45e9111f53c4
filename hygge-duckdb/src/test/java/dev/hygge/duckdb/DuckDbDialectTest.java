package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DuckDbDialectTest {
    private final DuckDbDialect dialect = new DuckDbDialect();

    @Test
    void aNativeErrorIsItsFirstLineAndADiskFullSaysWhatToDo() {
        String trace = "\n\nStack Trace:\n\n" + "  /tmp/libduckdb_java1.so(duckdb::Exception::Exception+0x4f) [0x7f]\n".repeat(40);
        assertThat(dialect.errorLine(new SQLException("INTERNAL Error: Attempted to access index 3" + trace)))
                .isEqualTo("INTERNAL Error: Attempted to access index 3");
        assertThat(dialect.errorLine(new SQLException("IO Error: Could not write file \"w.duckdb.wal\": No space left on device"
                + trace))).startsWith("IO Error: Could not write file \"w.duckdb.wal\": No space left on device (the disk is full:"
                        + " free space on it").doesNotContain("\n");
    }

    @Test
    void namesIgnoreCase() {
        assertThat(dialect.canonicalName(dev.hygge.jdbc.TableName.parse("MAIN.\"Orders\"")))
                .isEqualTo(dialect.canonicalName(dev.hygge.jdbc.TableName.parse("main.orders")));
    }
}
