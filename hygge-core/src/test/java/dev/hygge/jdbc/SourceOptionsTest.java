package dev.hygge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.spi.OptionProblems;
import org.junit.jupiter.api.Test;

class SourceOptionsTest {
    @Test
    void partitionsNeedAtLeastOneAndAColumnWhenMoreThanOne() {
        OptionProblems none = new OptionProblems();
        SourceOptions.checkPartitions(null, 1, none);
        SourceOptions.checkPartitions("id", 4, none);
        assertThat(none.isEmpty()).isTrue();

        OptionProblems problems = new OptionProblems();
        SourceOptions.checkPartitions(null, 0, problems);
        SourceOptions.checkPartitions(" ", 3, problems);
        assertThat(problems.list()).containsExactly(
                new OptionProblems.Problem("partitions", "partitions must be at least 1, not 0"),
                new OptionProblems.Problem("partitions", "partitions 3 needs partition_column (an integer column)"));
    }

    @Test
    void resolveReplacesTheEntityOnlyWhenThereIsOne() {
        assertThat(SourceOptions.resolve("shop.{entity}", "orders")).isEqualTo("shop.orders");
        assertThat(SourceOptions.resolve("shop.{entity}", null)).isEqualTo("shop.{entity}");
        assertThat(SourceOptions.resolve(null, "orders")).isNull();
    }
}
