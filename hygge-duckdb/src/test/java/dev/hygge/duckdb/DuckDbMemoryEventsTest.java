package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hygge.testkit.ChildJvm;
import java.nio.file.Path;
import java.util.List;
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

    private String child(String... jvmOptions) throws Exception {
        return ChildJvm.output(List.of(jvmOptions), MemoryEventsChild.class, dir.resolve("db-" + System.nanoTime() + ".duckdb").toString());
    }

    @Test
    void theDriverRegistersNoMemoryEventWhenNothingRecords() throws Exception {
        assertThat(child()).isEqualTo("value=42 registered=false");
    }

    @Test
    void aRecordingFromTheStartKeepsDuckDbsMemoryEvent() throws Exception {
        // the recording's start prints a line of its own before the child's
        assertThat(child("-XX:StartFlightRecording:filename=" + dir.resolve("run.jfr"))).endsWith("value=42 registered=true");
    }

    @Test
    void thePropertyKeepsDuckDbsMemoryEvent() throws Exception {
        assertThat(child("-D" + DuckDbDatabase.MEMORY_EVENTS + "=true")).isEqualTo("value=42 registered=true");
    }
}
