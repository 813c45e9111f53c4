package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged distribution: target/hygge runs in a fresh JVM with only its own lib/ folder. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("target/hygge").toAbsolutePath();

    record Result(int exit, String out) {}

    private static Result hygge(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    @Test
    void initAndStartThroughTheLauncher(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the sh launcher; hygge.cmd serves Windows");
        assertThat(LAUNCHER).isExecutable();
        Result version = hygge(tmp, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("hygge ");

        Result init = hygge(tmp, "init", "demo", "--rows", "2000");
        assertThat(init.exit()).as(init.out()).isZero();
        Path project = tmp.resolve("demo");
        Path sub = Files.createDirectories(project.resolve("flows/landing_to_lake/entities"));
        Result start = hygge(sub, "start");                    // hygge.yml found from a sub-folder
        assertThat(start.exit()).as(start.out()).isZero();
        assertThat(start.out()).contains("3 of 3 flows succeeded: 6,000 rows");
        JsonNode last = RunReport.JSON.readTree(project.resolve(".hygge/runs/last.json").toFile());
        assertThat(last.get("status").asText()).isEqualTo("succeeded");

        Files.writeString(project.resolve("hygge.yml"), "name: demo\noptions: {max_parallel_flows: zero}\n");
        Result bad = hygge(project, "start");
        assertThat(bad.exit()).isEqualTo(HyggeCli.CONFIG_ERROR);
        assertThat(bad.out()).contains("hygge.yml:2:");
    }

    /** The driver copies its library out of the jar at every start: stored, that copy is not an inflate of 57 MB. */
    @Test
    void theDuckDbDriverInLibHoldsItsLinuxLibrariesStoredAndTheRestAsShipped() throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target/lib"))) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("duckdb_jdbc-")).findFirst().orElseThrow();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> stored = zip.stream().filter(e -> e.getMethod() == ZipEntry.STORED && e.getSize() > 0)
                    .map(ZipEntry::getName).toList();
            assertThat(stored).containsExactlyInAnyOrder("libduckdb_java.so_linux_amd64", "libduckdb_java.so_linux_arm64");
            assertThat(zip.getEntry("org/duckdb/DuckDBNative.class")).isNotNull();
            assertThat(zip.getEntry("META-INF/services/java.sql.Driver")).isNotNull();
            assertThat(zip.getEntry("libduckdb_java.so_osx_universal").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
    }

    @Test
    void aDeprecationNoteIsPrintedOnce(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the sh launcher; hygge.cmd serves Windows");
        assertThat(hygge(tmp, "init", "old", "--rows", "100").exit()).isZero();
        Path project = tmp.resolve("old");
        Files.writeString(project.resolve("hygge.yml"), Files.readString(project.resolve("hygge.yml"))
                .replace("max_parallel_flows: 4", "max_parallel_entities: 4"));
        for (String command : List.of("validate", "go", "debug")) {
            Result run = hygge(project, command);
            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.out().split("'max_parallel_entities' is the original", -1)).as(command + ":\n" + run.out()).hasSize(2);
        }
    }
}
