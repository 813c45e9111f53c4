package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.spi.ConfigException;
import org.junit.jupiter.api.Test;

class OptionProblemsTest {
    @Test
    void nestedViewsShareOneListAndPrefixTheirKeys() {
        OptionProblems problems = new OptionProblems();
        problems.add("batch_size", "batch_size must be at least 1, not 0");
        OptionProblems inference = problems.under("schema_inference");
        inference.add("sample_rows", "schema_inference.sample_rows must be 0 or more, not -1");
        inference.under("deeper").add("", "the block as a whole");

        assertThat(problems.list()).extracting(OptionProblems.Problem::key)
                .containsExactly("batch_size", "schema_inference.sample_rows", "schema_inference.deeper");
        assertThat(inference.list()).hasSize(3);
    }

    @Test
    void throwIfAnyListsEveryProblemAndIsSilentWithoutOne() {
        new OptionProblems().throwIfAny("Store 'x'");

        OptionProblems one = new OptionProblems().add("path", "option 'path' is required");
        assertThatThrownBy(() -> one.throwIfAny("Store 'x'")).isInstanceOf(ConfigException.class)
                .hasMessage("Store 'x': option 'path' is required");

        OptionProblems two = new OptionProblems().add("path", "option 'path' is required").add("max_streams", "max_streams must be at least 1, not 0");
        assertThatThrownBy(() -> two.throwIfAny("Store 'x'")).isInstanceOf(ConfigException.class)
                .hasMessage("Store 'x' has 2 problems:\n  - option 'path' is required\n  - max_streams must be at least 1, not 0");
    }
}
