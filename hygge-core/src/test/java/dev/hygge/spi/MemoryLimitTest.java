package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code memory_limit}: sizes in DuckDB's units and shares of the machine's memory; other values are problems naming the key. */
class MemoryLimitTest {
    @Test
    void sizesAreReadInDuckDbsUnitsAndSharesOfTheMachinesMemory() {
        assertThat(MemoryLimit.bytes("4GB")).hasValue(4_000_000_000L);
        assertThat(MemoryLimit.bytes(" 1500 mb ")).hasValue(1_500_000_000L);
        assertThat(MemoryLimit.bytes("2GiB")).hasValue(2L << 30);
        assertThat(MemoryLimit.bytes("1.5GB")).hasValue(1_500_000_000L);
        assertThat(MemoryLimit.bytes("64MiB")).hasValue(64L << 20);
        assertThat(MemoryLimit.bytes("30%")).hasValue((long) (MemoryLimit.physicalBytes() * 30.0 / 100));
        assertThat(MemoryLimit.bytes(null)).isEmpty();
        assertThat(MemoryLimit.setting(4_000_000_000L)).isEqualTo("4000000000B");
        assertThat(MemoryLimit.bytesOr("2GiB", 1, "x")).isEqualTo(2L << 30);
        assertThat(MemoryLimit.bytesOr(null, 123, "x")).isEqualTo(123);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "4", "4 GBs", "-1GB", "0%", "150%", "10MB", "", "4GB;SET threads=64"})
    void otherValuesAreProblemsNamingTheKeyAndWhatLeavingItOutMeans(String value) {
        OptionProblems problems = new OptionProblems();
        MemoryLimit.validate(value, problems, "the plugin's default");
        assertThat(problems.list()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("memory_limit");
            assertThat(problem.message()).startsWith("memory_limit '" + value + "' is not a memory size")
                    .contains("4GB", "30%").endsWith("leave it out for the plugin's default");
        });
        assertThatThrownBy(() -> MemoryLimit.bytesOr(value, 1, "the plugin's default")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("memory_limit '" + value + "' is not a memory size");
    }

    @Test
    void unsetIsNoProblem() {
        OptionProblems problems = new OptionProblems();
        MemoryLimit.validate(null, problems, "x");
        assertThat(problems.list()).isEmpty();
    }
}
