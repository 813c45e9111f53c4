package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes of a project's maps are records ({@link Shapes}) bound by the shared mapper: the keys
 * a message lists come from the records, and every value of the wrong kind is reported at its own
 * line, in one pass, worded as before (Jackson's own leniencies, {@code 1.5} read as 1 or {@code 1}
 * as true, do not slip through).
 */
class ShapesTest {
    @TempDir
    Path dir;

    @Test
    void theValidKeysAreTheRecordsComponentsInSnakeCase() {
        assertThat(Shapes.keys(Shapes.ProjectShape.class)).containsExactly("name", "flows_dir", "connections", "options", "flows",
                "journal");
        assertThat(Shapes.keys(Shapes.ProjectOptionsShape.class))
                .containsExactly("max_parallel_flows", "continue_on_error", "queue_size", "parallelism", "lock_timeout", "run_type",
                        "full_drop", "retries", "retry_delay");
        assertThat(Shapes.keys(Shapes.FlowShape.class))
                .containsExactly("name", "home", "store", "entities", "include", "exclude", "options", "run_type", "full_drop",
                        "watermark", "journal");
        assertThat(Shapes.keys(Shapes.FlowOptionsShape.class)).containsExactly("queue_size", "parallelism", "lock_timeout",
                "run_type", "full_drop", "retries", "retry_delay");
        assertThat(Shapes.keys(Shapes.EntityShape.class)).containsExactly("name", "home", "store", "options", "run_type",
                "full_drop", "watermark", "journal");
    }

    @Test
    void everyValueOfTheWrongKindIsReportedAtItsLineInOnePass() throws IOException {
        ProjectConfigException e = fails("""
                name: [a, b]
                options:
                  continue_on_error: 1
                  max_parallel_flows: 2.5
                  queue_size: true
                  parallelism: lots
                  lock_timeout: soon
                flows:
                  f:
                    home: a.parquet
                    store: lake
                    options: {queue_size: 1.5, parallelism: [2]}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:1:1: 'name' must be text, not a list",
                "hygge.yml:4:3: 'max_parallel_flows' must be a whole number from 1 to 1024, not a number '2.5'",
                "hygge.yml:3:3: 'continue_on_error' must be true or false, not a number '1'",
                "hygge.yml:5:3: 'queue_size' must be a whole number from 0 to 10000, not true/false 'true'",
                "hygge.yml:6:3: 'parallelism' must be a whole number from 0 to 1024, not text 'lots'",
                "hygge.yml:7:3: 'lock_timeout' must be a duration such as 30s, 10m, 1h, PT10M or a number of seconds, not text 'soon'",
                "hygge.yml:12:15: 'queue_size' must be a whole number from 0 to 10000, not a number '1.5'",
                "hygge.yml:12:32: 'parallelism' must be a whole number from 0 to 1024, not a list");
    }

    @Test
    void unknownKeysComeFirstInTheOrderWrittenThenTheValues() throws IOException {
        ProjectConfigException e = fails("""
                options: {queue_size: x, max_parallel_flow: 2, continue_on_eror: true}
                flows: {f: {home: a.parquet, store: lake}}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:1:26: unknown key 'max_parallel_flow' in the project's options; did you mean 'max_parallel_flows'?"
                        + " (valid keys: max_parallel_flows, continue_on_error, queue_size, parallelism, lock_timeout, run_type, full_drop, retries, retry_delay)",
                "hygge.yml:1:48: unknown key 'continue_on_eror' in the project's options; did you mean 'continue_on_error'?"
                        + " (valid keys: max_parallel_flows, continue_on_error, queue_size, parallelism, lock_timeout, run_type, full_drop, retries, retry_delay)",
                "hygge.yml:1:11: 'queue_size' must be a whole number from 0 to 10000, not text 'x'");
    }

    @Test
    void aNumberTooLargeForAnyRangeIsOneProblem() throws IOException {
        ProjectConfigException e = fails("""
                options: {queue_size: 99999999999999999999, parallelism: 12345678901}
                flows: {f: {home: a.parquet, store: lake}}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:1:11: 'queue_size' must be a whole number from 0 to 10000, not a number '99999999999999999999'",
                "hygge.yml:1:45: 'parallelism' is 12345678901, out of range: use a whole number from 0 to 1024");
    }

    @Test
    void valuesYamlWritesAsTextOrNumbersStillRead() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                name: 2024
                options: {max_parallel_flows: "3", continue_on_error: "true", queue_size: 0}
                flows: {f: {home: a.parquet, store: lake, options: {parallelism: "2"}}}
                """);
        Project project = Project.load(dir, k -> null);
        assertThat(project.name()).isEqualTo("2024");
        assertThat(project.options().maxParallelFlows()).isEqualTo(3);
        assertThat(project.options().continueOnError()).isTrue();
        assertThat(project.flows().get(0).queueSize()).isZero();
        assertThat(project.flows().get(0).parallelism()).isEqualTo(2);
    }

    @Test
    void anEntityMapKnowsOnlyTheEntityKeys() throws IOException {
        ProjectConfigException e = fails("""
                flows:
                  f:
                    home: landing/
                    store: lake/
                    entities: [{name: a, stor: {path: x}}]
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:5:26: unknown key 'stor' in entity 'a' of flow 'f'; did you mean 'store'?"
                        + " (valid keys: name, home, store, options, run_type, full_drop, watermark, journal)");
    }

    private ProjectConfigException fails(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        Throwable thrown = catchThrowable(() -> Project.load(dir, k -> null));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        return (ProjectConfigException) thrown;
    }
}
