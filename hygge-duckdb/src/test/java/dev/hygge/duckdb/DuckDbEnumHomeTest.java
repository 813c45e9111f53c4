package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.Hygge;
import dev.hygge.parquet.ParquetHomeFactory;
import dev.hygge.parquet.ParquetStoreFactory;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Plugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DuckDB ENUM column leaves DuckDB's Arrow export dictionary-encoded, and the Arrow path's hand-off
 * carries no dictionaries: before the Home read ENUMs as their labels, copying such a table to
 * parquet or into another DuckDB table on the Arrow path crashed the JVM (SIGSEGV in DuckDB's import
 * of the stream). The Home now reads an ENUM as VARCHAR, its label, and refuses an ENUM nested in a
 * list, struct or map with an error that says how to read it.
 */
class DuckDbEnumHomeTest {
    @TempDir
    Path dir;

    private static Hygge runtime() {
        return Hygge.builder()
                .plugins(Plugins.builder().home(new DuckDbHomeFactory()).home(new ParquetHomeFactory())
                        .store(new ParquetStoreFactory()).store(new DuckDbStoreFactory()).build())
                .progressInterval(null).build();
    }

    private Path source(String select) {
        Path database = dir.resolve("src.duckdb");
        DuckDb.execute(database, "CREATE TYPE colour AS ENUM ('red', 'green', 'blue')",
                "CREATE TABLE t AS " + select);
        return database;
    }

    @Test
    void anEnumColumnReachesParquetAsItsLabelsOnTheArrowPath() {
        Path database = source("SELECT i AS id, ['red', 'green', 'blue'][i % 3 + 1]::colour AS c,"
                + " CASE WHEN i % 10 = 0 THEN NULL ELSE ['blue', 'red'][i % 2 + 1]::colour END AS maybe FROM range(3000) t(i)");
        Path out = dir.resolve("out");
        try (Hygge hygge = runtime()) {
            hygge.flow("t").from("duckdb", Map.of("path", database.toString(), "table", "t"))
                    .to("parquet", Map.of("path", out.toString())).arrowPath(true).run();
        }
        Path check = dir.resolve("check.duckdb");
        assertThat(DuckDb.query(check, "SELECT count(*), count(DISTINCT c), count(maybe), min(c), max(c) FROM read_parquet('"
                + out + "/*.parquet')")).containsExactly(List.of(3000L, 3L, 2700L, "blue", "red"));
        assertThat(DuckDb.query(check, "SELECT c FROM read_parquet('" + out + "/*.parquet') WHERE id = 4"))
                .containsExactly(List.of("green"));
    }

    @Test
    void anEnumQueryColumnReachesADuckDbTableOnTheArrowPath() {
        Path database = source("SELECT i AS id, ['red', 'green', 'blue'][i % 3 + 1]::colour AS c FROM range(500) t(i)");
        Path target = dir.resolve("target.duckdb");
        try (Hygge hygge = runtime()) {
            hygge.flow("t").from("duckdb", Map.of("path", database.toString(), "query", "SELECT id, c FROM t WHERE id < 300"))
                    .to("duckdb", Map.of("path", target.toString(), "table", "copy")).arrowPath(true).run();
        }
        assertThat(DuckDb.query(target, "SELECT count(*), count(*) FILTER (WHERE c = 'blue') FROM copy"))
                .containsExactly(List.of(300L, 100L));
    }

    @Test
    void anEnumInsideAListIsRefusedWithWhatToDo() {
        Path database = source("SELECT i AS id, [['red', 'blue'][i % 2 + 1]::colour] AS cs FROM range(10) t(i)");
        try (Hygge hygge = runtime()) {
            assertThatThrownBy(() -> hygge.flow("t").from("duckdb", Map.of("path", database.toString(), "table", "t"))
                    .to("parquet", Map.of("path", dir.resolve("out").toString())).arrowPath(true).run())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'cs'").hasMessageContaining("ENUM").hasMessageContaining("query:");
        }
    }
}
