package dev.hygge;

import dev.hygge.spi.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hygge.config.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyggeProjectTest {

    @Test
    void runsEveryFlowAndEntityOfAProject(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                name: generated
                options: {max_parallel_flows: 2, continue_on_error: true}
                flows:
                  gen:
                    home: {type: generated, rows: 5000, batch_size: 700}
                    store: {type: noop, max_streams: 2}
                    entities: [a, b, c]
                """);
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            RunResult result = hygge.run(Project.load(dir));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.flows()).extracting(FlowResult::label).containsExactly("gen/a", "gen/b", "gen/c");
            assertThat(result.rowsWritten()).isEqualTo(15_000);
        }
    }

    @Test
    void aProjectWithMistakesRunsNothingAndNamesFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hygge.yml"), """
                name: broken
                flows:
                  gen:
                    home: {type: generated, rowz: 5}
                    store: {type: noop}
                """);
        try (Hygge hygge = Hygge.builder().progressInterval(null).build()) {
            assertThatThrownBy(() -> hygge.run(Project.load(dir)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("hygge.yml:4")
                    .hasMessageContaining("rowz")
                    .hasMessageContaining("rows");
        }
    }
}
