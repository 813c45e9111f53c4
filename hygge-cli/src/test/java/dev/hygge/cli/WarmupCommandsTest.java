package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CLI warms up (loads the engines' libraries early) only for the commands that open Homes, Stores or the journal. */
class WarmupCommandsTest {
    @Test
    void onlyCommandsThatOpenEnginesWarmUp() {
        assertThat(HyggeCli.opensEngines("start")).isTrue();
        assertThat(HyggeCli.opensEngines("go", "--incremental")).isTrue();
        assertThat(HyggeCli.opensEngines("-v", "debug")).isTrue();
        assertThat(HyggeCli.opensEngines("-p", "start", "journal")).as("the project folder named start is not the command")
                .isTrue();
        assertThat(HyggeCli.opensEngines("--project", "go", "validate")).isFalse();
        assertThat(HyggeCli.opensEngines("--project=x", "start")).isTrue();
        assertThat(HyggeCli.opensEngines("validate")).isFalse();
        assertThat(HyggeCli.opensEngines("init", "demo")).isFalse();
        assertThat(HyggeCli.opensEngines("--version")).isFalse();
        assertThat(HyggeCli.opensEngines()).isFalse();
    }
}
