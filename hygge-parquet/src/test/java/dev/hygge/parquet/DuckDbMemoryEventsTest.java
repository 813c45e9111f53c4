package dev.hygge.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The parquet plugin's DuckDB starts without DuckDB's JFR memory event unless asked; a child JVM each, as the driver decides once. */
class DuckDbMemoryEventsTest {
    private String child(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryEventsChild.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theDriverRegistersNoMemoryEventUnlessAsked() throws Exception {
        assertThat(child()).isEqualTo("value=42 registered=false");
        assertThat(child("-Dhygge.duckdb.memory_events=true")).isEqualTo("value=42 registered=true");
    }
}
