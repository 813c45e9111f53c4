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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive (hygge-cli/README.md): recorded by a first {@code start},
 * built by the next, mapped by every later one; a truncated or garbled archive never breaks a run,
 * and nothing of it reaches {@code --json} output.
 */
class LauncherCdsIT {
    private static final Path LAUNCHER = Path.of("target/hygge").toAbsolutePath();

    record Result(int exit, String out, String err) {}

    private static Result hygge(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("HYGGE_JAVA_OPTS");
        builder.environment().putAll(env);
        Path err = Files.createTempFile(workDir, "err", ".log");
        Process process = builder.redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(err));
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    /** A `start --json` that succeeds, its stdout nothing but the run's JSON. */
    private static void startsCleanly(Path project, Map<String, String> env) throws Exception {
        Result run = hygge(project, env, "start", "--json");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode json = RunReport.JSON.readTree(run.out());
        assertThat(json.get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void theArchiveIsRecordedBuiltAndMappedAndABrokenOneNeverBreaksARun(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the sh launcher; hygge.cmd serves Windows");
        Path cds = tmp.resolve("cds");
        Map<String, String> env = Map.of("HYGGE_CDS_DIR", cds.toString());
        assertThat(hygge(tmp, env, "init", "demo", "--rows", "500").exit()).isZero();
        Path project = tmp.resolve("demo");
        assertThat(cds).as("init is not a run: nothing recorded").satisfiesAnyOf(
                d -> assertThat(d).doesNotExist(), d -> assertThat(files(d, ".classlist")).isEmpty());

        startsCleanly(project, env);
        assertThat(files(cds, ".classlist")).as("the first start records its classes").hasSize(1);
        assertThat(files(cds, ".jsa")).isEmpty();

        startsCleanly(project, env);
        List<Path> archives = files(cds, ".jsa");
        assertThat(archives).as("the next one builds the archive first").hasSize(1);
        assertThat(files(cds, ".classlist")).isEmpty();
        Path archive = archives.get(0);
        long size = Files.size(archive);
        assertThat(archive.getFileName().toString()).endsWith("." + size + ".jsa");

        Path loaded = tmp.resolve("class-load.log");
        Map<String, String> logging = Map.of("HYGGE_CDS_DIR", cds.toString(),
                "HYGGE_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded);
        startsCleanly(project, logging);
        assertThat(Files.readString(loaded)).as("a later run maps it")
                .contains("dev.hygge.cli.HyggeCli source: shared objects file");

        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));     // truncated: the JVM would crash mapping it
        startsCleanly(project, env);
        assertThat(archive).as("a truncated archive is dropped, not mapped").doesNotExist();

        Files.write(archive, new byte[whole.length]);                               // garbled, of the right size
        startsCleanly(project, logging);
        assertThat(Files.readString(loaded)).as("the JVM ignores it").doesNotContain("dev.hygge.cli.HyggeCli source: shared objects file");

        Result off = hygge(project, Map.of("HYGGE_CDS_DIR", cds.toString(), "HYGGE_CDS", "off",
                "HYGGE_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded), "start", "--json");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(Files.readString(loaded)).as("HYGGE_CDS=off").doesNotContain("dev.hygge.cli.HyggeCli source: shared objects file");
    }
}
