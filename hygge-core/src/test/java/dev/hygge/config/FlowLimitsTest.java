package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.Flow;
import dev.hygge.ProjectFlows;
import dev.hygge.RunOptions;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.FlowLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two faces of the engine settings (a project's {@code options:} and the SDK's builders) take
 * the same defaults and refuse the same values in the same words: both read {@link FlowLimits}.
 */
class FlowLimitsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> refusedByBoth() {
        return Stream.of(
                Arguments.of("queue_size: 10001", (UnaryOperator<Flow.Builder>) b -> b.queueSize(10_001)),
                Arguments.of("queue_size: -1", (UnaryOperator<Flow.Builder>) b -> b.queueSize(-1)),
                Arguments.of("parallelism: 1025", (UnaryOperator<Flow.Builder>) b -> b.parallelism(1025)),
                Arguments.of("parallelism: -2", (UnaryOperator<Flow.Builder>) b -> b.parallelism(-2)),
                Arguments.of("lock_timeout: P8D", (UnaryOperator<Flow.Builder>) b -> b.lockTimeout(Duration.ofDays(8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByBoth")
    void aFlowSettingTheYamlRefusesTheSdkRefusesInTheSameWords(String setting, UnaryOperator<Flow.Builder> sdk)
            throws IOException {
        String yaml = yamlProblem("flows:\n  f:\n    home: a.parquet\n    store: lake\n    options: {" + setting + "}\n");
        Throwable thrown = catchThrowable(() -> sdk.apply(Flow.builder("f").from("parquet", Map.of("path", "a.parquet"))
                .to("parquet", Map.of("path", "lake"))).build());

        assertThat(thrown).isInstanceOf(ConfigException.class);
        String sdkProblem = thrown.getMessage().substring("Flow 'f': ".length());
        assertThat(thrown.getMessage()).startsWith("Flow 'f': ");
        // YAML adds only how it writes a duration; the refusal itself is the same
        assertThat(yaml).isIn(sdkProblem, sdkProblem + "; plain numbers are seconds (10m is ten minutes)");
    }

    @Test
    void maxParallelFlowsIsRefusedByTheProjectAndByRunOptionsInTheSameWords() throws IOException {
        String yaml = yamlProblem("options: {max_parallel_flows: 1025}\nflows: {f: {home: a.parquet, store: lake}}\n");
        Throwable thrown = catchThrowable(() -> new RunOptions(1025, false));

        assertThat(yaml).isEqualTo("'max_parallel_flows' is 1025, out of range: use a whole number from 1 to 1024");
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessage(yaml);
        assertThat(catchThrowable(() -> new RunOptions(0, false))).hasMessage(
                "'max_parallel_flows' is 0, out of range: use a whole number from 1 to 1024");
    }

    @Test
    void theSdkReportsEveryBadSettingOfAFlowAtOnce() {
        Throwable thrown = catchThrowable(() -> Flow.builder("f").from("parquet", Map.of()).to("parquet", Map.of())
                .queueSize(100_000).parallelism(-1).lockTimeout(Duration.ofSeconds(-5)).build());

        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessage("""
                Flow 'f' has 3 problems:
                  - 'parallelism' is -1, out of range: use a whole number from 0 to 1024
                  - 'queue_size' is 100000, out of range: use a whole number from 0 to 10000
                  - 'lock_timeout' is -5s, negative: use 0s (do not wait) or more""");
    }

    @Test
    void theEdgesOfEachRangeAreAcceptedByBoth() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                options: {max_parallel_flows: 1024}
                flows:
                  f:
                    home: a.parquet
                    store: lake
                    options: {queue_size: 10000, parallelism: 1024, lock_timeout: P7D}
                """);
        Project project = Project.load(dir, k -> null);
        Flow fromYaml = ProjectFlows.flow(project.flows().get(0));
        Flow fromSdk = Flow.builder("f").from("parquet", Map.of()).to("parquet", Map.of())
                .queueSize(10_000).parallelism(1024).lockTimeout(Duration.ofDays(7)).build();

        assertThat(ProjectFlows.runOptions(project)).isEqualTo(new RunOptions(1024, false));
        assertThat(fromYaml.queueSize()).isEqualTo(fromSdk.queueSize()).isEqualTo(10_000);
        assertThat(fromYaml.parallelism()).isEqualTo(fromSdk.parallelism()).isEqualTo(1024);
        assertThat(fromYaml.lockTimeout()).isEqualTo(fromSdk.lockTimeout()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void bothFacesStartFromTheSameDefaults() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), "flows: {f: {home: a.parquet, store: lake}}\n");
        Project project = Project.load(dir, k -> null);
        Flow fromYaml = ProjectFlows.flow(project.flows().get(0));
        Flow fromSdk = Flow.builder("f").from("parquet", Map.of()).to("parquet", Map.of()).build();

        assertThat(ProjectFlows.runOptions(project)).isEqualTo(RunOptions.DEFAULTS);
        assertThat(RunOptions.DEFAULTS).isEqualTo(new RunOptions(FlowLimits.MAX_PARALLEL_FLOWS.defaultValue(),
                FlowLimits.CONTINUE_ON_ERROR));
        assertThat(fromYaml.queueSize()).isEqualTo(fromSdk.queueSize()).isEqualTo(FlowLimits.QUEUE_SIZE.defaultValue());
        assertThat(fromYaml.parallelism()).isEqualTo(fromSdk.parallelism()).isEqualTo(FlowLimits.PARALLELISM.defaultValue());
        assertThat(fromYaml.lockTimeout()).isEqualTo(fromSdk.lockTimeout()).isEqualTo(FlowLimits.LOCK_TIMEOUT);
    }

    /** The one problem of a project, without its file and line. */
    private String yamlProblem(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Throwable thrown = catchThrowable(() -> Project.load(dir, k -> null));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        ProjectConfigException e = (ProjectConfigException) thrown;
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).origin().line()).isPositive();
        return e.problems().get(0).message();
    }
}
