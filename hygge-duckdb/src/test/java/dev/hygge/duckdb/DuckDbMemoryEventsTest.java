package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB's driver starts without its JFR memory event (JFR's start cost) unless a recording runs from
 * the JVM's start or the property asks for it; DuckDB works the same either way. Each case is a child
 * JVM, since the driver decides once per JVM.
 */
class DuckDbMemoryEventsTest {
    @TempDir
    Path dir;

    private String child(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryEventsChild.class.getName(),
                dir.resolve("db-" + System.nanoTime() + ".duckdb").toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theDriverRegistersNoMemoryEventWhenNothingRecords() throws Exception {
        assertThat(child()).isEqualTo("value=42 registered=false");
    }

    @Test
    void aRecordingFromTheStartKeepsDuckDbsMemoryEvent() throws Exception {
        assertThat(child("-XX:StartFlightRecording:filename=" + dir.resolve("run.jfr"))).endsWith("value=42 registered=true");
    }

    @Test
    void thePropertyKeepsDuckDbsMemoryEvent() throws Exception {
        assertThat(child("-D" + DuckDbMemoryEvents.PROPERTY + "=true")).isEqualTo("value=42 registered=true");
    }
}
