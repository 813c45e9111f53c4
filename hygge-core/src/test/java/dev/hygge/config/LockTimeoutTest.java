package dev.hygge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hygge.ProjectFlows;
import dev.hygge.spi.FlowLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock_timeout: project default, flow and entity overrides, every accepted form, mistakes with file and line. */
class LockTimeoutTest {
    @TempDir
    Path dir;

    /** Loads {@code yaml} as the project file; lock_timeout is the flow's, so no plugin's options are involved. */
    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), yaml);
        return Project.load(dir, Map.<String, String>of()::get);
    }

    @Test
    void entityOverFlowOverProjectAndEveryFormReachesTheFlow() throws IOException {
        Project project = load("""
                options: {lock_timeout: 30s}
                flows:
                  plain: {home: a.parquet, store: lake/a}
                  iso: {home: b.parquet, store: lake/b, options: {lock_timeout: PT10M}}
                  seconds: {home: c.parquet, store: lake/c, options: {lock_timeout: 90}}
                  hours: {home: d.parquet, store: lake/d, options: {lock_timeout: "1h"}}
                  entities:
                    home: landing/
                    store: lake/
                    options: {lock_timeout: 10m}
                    entities: [x, {name: y, options: {lock_timeout: 0}}, {name: z, options: {lock_timeout: 500ms}}]
                """);
        Map<String, Duration> byLabel = new java.util.LinkedHashMap<>();
        project.flows().forEach(d -> byLabel.put(d.label(), ProjectFlows.flow(d).lockTimeout()));
        assertThat(byLabel).containsExactly(
                Map.entry("plain", Duration.ofSeconds(30)),
                Map.entry("iso", Duration.ofMinutes(10)),
                Map.entry("seconds", Duration.ofSeconds(90)),
                Map.entry("hours", Duration.ofHours(1)),
                Map.entry("entities/x", Duration.ofMinutes(10)),
                Map.entry("entities/y", Duration.ZERO),
                Map.entry("entities/z", Duration.ofMillis(500)));
    }

    @Test
    void withoutItTheWriteWaitsTheDefault() throws IOException {
        Project project = load("flows: {f: {home: a.parquet, store: lake}}\n");
        assertThat(project.options().lockTimeout()).isEqualTo(FlowLimits.LOCK_TIMEOUT);
        assertThat(ProjectFlows.flow(project.flows().get(0)).lockTimeout()).isEqualTo(FlowLimits.LOCK_TIMEOUT);
    }

    @Test
    void wrongValuesAreProblemsWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("hygge.yml"), """
                options:
                  lock_timeout: soon
                flows:
                  f:
                    home: a.parquet
                    store: lake
                    options: {lock_timeout: -5}
                  g: {home: a.parquet, store: lake/g, options: {lock_timeout: 30d}}
                  h: {home: a.parquet, store: lake/h, options: {lock_timeout: 999999999}}
                  i: {home: a.parquet, store: lake/i, options: {lock_timeout: "99999999999999999999"}}
                """);
        Throwable thrown = catchThrowable(() -> Project.load(dir, Map.<String, String>of()::get));
        assertThat(thrown).isInstanceOf(ProjectConfigException.class);
        assertThat(((ProjectConfigException) thrown).problems()).extracting(ConfigProblem::toString).containsExactly(
                "hygge.yml:2:3: 'lock_timeout' must be a duration such as 30s, 10m, 1h, PT10M or a number of seconds, not text 'soon'",
                "hygge.yml:7:15: 'lock_timeout' must be a duration such as 30s, 10m, 1h, PT10M or a number of seconds, not a number '-5'",
                "hygge.yml:8:49: 'lock_timeout' must be a duration such as 30s, 10m, 1h, PT10M or a number of seconds, not text '30d'",
                "hygge.yml:9:49: 'lock_timeout' is 277777h46m39s, more than the 7 days it may be; plain numbers are seconds"
                        + " (10m is ten minutes)",
                "hygge.yml:10:49: 'lock_timeout' must be a duration such as 30s, 10m, 1h, PT10M or a number of seconds, not text"
                        + " '99999999999999999999'");
    }
}
