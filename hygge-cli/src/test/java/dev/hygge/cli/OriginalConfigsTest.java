package dev.hygge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Projects written in the original hygge's shapes ({@code src/test/resources/original/<case>/},
 * see the README there) load as they are: {@code hygge validate} passes on every one with exactly
 * the deprecation notes of its {@code notes.txt}, each printed once; those with an
 * {@code expected/} folder (they need no server) are run with {@code hygge start} (or their
 * {@code commands.txt}) and their destinations read back as {@link CliFixturesTest} reads them.
 */
class OriginalConfigsTest {
    private static final String NOTE = "  note: ";

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(originals())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path originals() throws URISyntaxException {
        return Path.of(OriginalConfigsTest.class.getResource("/original").toURI());
    }

    @Test
    void thereAreAtLeastFifteen() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesWithItsNotesAndRunsWhenItNeedsNoServer(String name) throws Exception {
        Path fixture = originals().resolve(name);
        Path project = tmp.resolve(name);
        CliFixturesTest.copyProject(fixture, project);
        Files.deleteIfExists(project.resolve("notes.txt"));
        CliFixturesTest.setup(fixture.resolve("setup.sql"), project);

        Captured validate = captured(() -> CliTest.hygge("validate", "--project", project.toString()));
        assertThat(validate.run().exit()).as("hygge validate of " + name + ":\n" + validate.run().out() + validate.run().err())
                .isZero();
        List<String> notes = validate.run().out().lines().filter(l -> l.startsWith(NOTE)).map(l -> l.substring(NOTE.length()))
                .toList();
        assertThat(notes).as("the notes of " + name).containsExactlyElementsOf(expectedNotes(fixture));
        for (String note : notes) {
            assertThat(occurrences(validate.all(), note)).as("times '" + note + "' is printed").isEqualTo(1);
        }

        if (Files.isDirectory(fixture.resolve("expected"))) {
            for (String command : commands(fixture)) {
                String[] args = Stream.concat(Arrays.stream(command.trim().split("\\s+")), Stream.of("--project", project.toString()))
                        .toArray(String[]::new);
                Captured run = captured(() -> CliTest.hygge(args));
                assertThat(run.run().exit()).as("hygge " + command + " of " + name + ":\n" + run.run().out() + run.run().err()).isZero();
                for (String note : notes) {
                    assertThat(occurrences(run.all(), note)).as("times '" + note + "' is printed by hygge " + command).isEqualTo(1);
                }
            }
            CliFixturesTest.expectDestinations(name, fixture, project);
        }
    }

    private static List<String> expectedNotes(Path fixture) throws IOException {
        Path file = fixture.resolve("notes.txt");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()
                : List.of();
    }

    private static List<String> commands(Path fixture) throws IOException {
        Path file = fixture.resolve("commands.txt");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()
                : List.of("start");
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** A CLI run and everything it printed: its own out and err, and what its log wrote to the process's stderr. */
    private record Captured(CliTest.Run run, String log) {
        String all() {
            return run.out() + run.err() + log;
        }
    }

    private static Captured captured(Supplier<CliTest.Run> command) {
        PrintStream before = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            CliTest.Run run = command.get();
            return new Captured(run, log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
            before.print(log.toString(StandardCharsets.UTF_8));
        }
    }
}
