package dev.hygge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} run in a child JVM on this test's class path (with Arrow's JVM flag), for
 * what a JVM decides once, such as how a driver starts.
 *
 * <pre>{@code
 * assertThat(ChildJvm.output(List.of("-Dsome.flag=true"), Child.class, file.toString())).isEqualTo("value=42");
 * }</pre>
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The child's standard output, trimmed; fails the test unless it exits with 0 within a minute. */
    public static String output(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /**
     * Whether this JVM registered a JFR event type of {@code name}; asks JFR's recorder, which starts
     * it: call it last, in a child.
     */
    public static boolean jfrEventRegistered(String name) {
        return jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes().stream().anyMatch(type -> type.getName().equals(name));
    }
}
