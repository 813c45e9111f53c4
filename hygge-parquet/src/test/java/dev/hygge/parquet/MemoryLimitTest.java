package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Home's {@code memory_limit}: sizes and shares of the machine's memory, refused values
 * named by the key, the default from the machine's memory, and the limit as DuckDB has it.
 */
class MemoryLimitTest {
    @TempDir
    Path dir;

    @Test
    void sizesAreReadInDuckDbsUnitsAndSharesOfTheMachinesMemory() {
        assertThat(MemoryLimit.bytes("4GB")).hasValue(4_000_000_000L);
        assertThat(MemoryLimit.bytes(" 1500 mb ")).hasValue(1_500_000_000L);
        assertThat(MemoryLimit.bytes("2GiB")).hasValue(2L << 30);
        assertThat(MemoryLimit.bytes("1.5GB")).hasValue(1_500_000_000L);
        assertThat(MemoryLimit.bytes("64MiB")).hasValue(64L << 20);
        assertThat(MemoryLimit.bytes("30%")).hasValue((long) (MemoryLimit.physicalBytes() * 30.0 / 100));
        assertThat(MemoryLimit.duckdb("4GB")).isEqualTo("4000000000B");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "4", "4 GBs", "-1GB", "0%", "150%", "10MB", "", "4GB;SET threads=64"})
    void otherValuesAreProblemsNamingTheKey(String value) {
        OptionProblems problems = new OptionProblems();
        MemoryLimit.validate(value, problems);
        assertThat(problems.list()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("memory_limit");
            assertThat(problem.message()).startsWith("memory_limit '" + value + "' is not a memory size").contains("4GB", "30%");
        });
    }

    @Test
    void unsetIsAQuarterOfTheMachinesMemoryAndNeverLessThanTheOneGigabyteReadsHadBefore() {
        assertThat(MemoryLimit.defaultBytes()).isEqualTo(Math.max(1L << 30, MemoryLimit.physicalBytes() / 4));
        assertThat(MemoryLimit.duckdb(null)).isEqualTo(MemoryLimit.defaultBytes() + "B");
        OptionProblems problems = new OptionProblems();
        MemoryLimit.validate(null, problems);
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void theLimitReachesTheHomesDuckDb() throws Exception {
        ParquetHomeOptions options = new ParquetHomeOptions();
        options.memoryLimit = "3GiB";
        assertThat(setting(options)).isEqualTo("3.0 GiB");
        options.memoryLimit = null;
        assertThat(setting(options)).isEqualTo(duckdbReads(MemoryLimit.defaultBytes() + "B"));
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
