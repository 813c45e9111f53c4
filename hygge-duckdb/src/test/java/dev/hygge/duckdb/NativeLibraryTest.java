package dev.hygge.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's native library copies do not pile up in the temp folder, however the process ends. */
class NativeLibraryTest {
    @TempDir
    Path dir;

    private List<String> copies(Path temp) throws Exception {
        try (var files = Files.list(temp)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("libduckdb")).sorted().toList();
        }
    }

    /** Starts child JVMs at once, with one temp folder, that each open a DuckDB file; kills them once all are open. */
    private void startAndKill(Path temp, int children) throws Exception {
        List<Process> started = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < children; i++) {
                started.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(),
                        dir.resolve("held-" + i + "-" + System.nanoTime() + ".duckdb").toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process child : started) {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("ready");
            }
        } finally {
            for (Process child : started) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void killedProcessesLeaveNoCopyOfTheLibraryInTheTempFolder() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        startAndKill(temp, 2);      // two processes extracting and loading at the same moment
        startAndKill(temp, 1);
        assertThat(copies(temp)).isEmpty();
    }

    @Test
    void aCopyLeftByAProcessKilledWhileCopyingIsRemovedByTheNextStart() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Path old = Files.write(temp.resolve("libduckdb_java123456789.so"), new byte[1024]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Path fresh = Files.write(temp.resolve("libduckdb_java987654321.so"), new byte[1024]);
        startAndKill(temp, 1);
        assertThat(copies(temp)).as("the fresh one may still be being copied by another process")
                .containsExactly(fresh.getFileName().toString());
    }
}
