package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.MemoryLimit;
import dev.hygge.spi.OptionProblems;
import dev.hygge.testkit.TestKit;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Home's {@code memory_limit} ({@link MemoryLimit} parses it): the default from the machine's
 * memory, a refused value named by the key, and the limit as DuckDB has it.
 */
class HomeMemoryLimitTest {
    @TempDir
    Path dir;

    @Test
    void unsetIsAQuarterOfTheMachinesMemoryAndNeverLessThanTheOneGigabyteReadsHadBefore() {
        assertThat(ParquetHomeFactory.readMemoryLimit(null)).isEqualTo(Math.max(1L << 30, MemoryLimit.physicalBytes() / 4));
        assertThat(ParquetHomeFactory.readMemoryLimit("2GiB")).isEqualTo(2L << 30);
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.path = "in/a.parquet";
        options.memoryLimit = "plenty";
        OptionProblems problems = new OptionProblems();
        new ParquetHomeFactory().validate(options, problems);
        assertThat(problems.list()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("memory_limit");
            assertThat(problem.message()).startsWith("memory_limit 'plenty' is not a memory size")
                    .endsWith("leave it out for a quarter of the memory, at least 1GB");
        });
    }

    @Test
    void theLimitReachesTheHomesDuckDb() throws Exception {
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.memoryLimit = "3GiB";
        assertThat(setting(options)).isEqualTo("3.0 GiB");
        options.memoryLimit = null;
        assertThat(setting(options)).isEqualTo(duckdbReads(MemoryLimit.setting(ParquetHomeFactory.readMemoryLimit(null))));
    }

    @Test
    void aProjectWithAWrongLimitFailsValidationNamingTheKeyAndLine() throws IOException {
        String message = TestKit.projectFails(dir, """
                flows:
                  a:
                    home: {type: parquet, path: in/a.parquet, memory_limit: plenty}
                    store: {type: parquet, path: out/a}
                """, Map.of(), TextValidationTest.plugins()).getMessage();
        assertThat(message).contains("memory_limit").contains("'plenty' is not a memory size").startsWith("hygge.yml:3:");
    }

    private static String setting(ParquetHomeOptions options) throws Exception {
        try (DuckDb duckdb = ParquetHomeFactory.openDuckDb(options); DuckDBConnection connection = duckdb.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('memory_limit')")) {
            result.next();
            return result.getString(1);
        }
    }

    /** How DuckDB shows {@code limit} once set. */
    private static String duckdbReads(String limit) throws Exception {
        try (DuckDb duckdb = DuckDb.open(1, limit); DuckDBConnection connection = duckdb.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('memory_limit')")) {
            result.next();
            return result.getString(1);
        }
    }
}
