package dev.hygge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of hygge-core depend on each other one way: {@code dev.hygge -> config -> spi},
 * {@code jdbc -> schema -> spi}, and {@code spi} on nothing else of hygge. A cycle would let the
 * SPI or the YAML model reach into the engine again, so plugins would build against engine
 * internals. Read from the main sources (imports and fully qualified names in code; comments and
 * strings left out), with no library needed.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.hygge(?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** Text that is not code: string and char literals, block and line comments. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'|/\\*(?s:.*?)\\*/|//[^\\n]*");

    /** package -> the hygge packages it uses -> the files that use them (for the failure message). */
    private static final Map<String, Map<String, Set<String>>> GRAPH = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(PackageCyclesTest::read);
        }
        assertThat(GRAPH).as("packages read from %s", SOURCES.toAbsolutePath()).containsKeys("dev.hygge", "dev.hygge.spi",
                "dev.hygge.config");
    }

    private static void read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
            return;                                         // package-info without a package, module-info
        }
        String from = pkg.group(1);
        Map<String, Set<String>> uses = GRAPH.computeIfAbsent(from, k -> new TreeMap<>());
        Matcher ref = REFERENCE.matcher(NOT_CODE.matcher(text).replaceAll(" "));
        while (ref.find()) {
            String to = ref.group(1);
            if (!to.equals(from)) {
                uses.computeIfAbsent(to, k -> new TreeSet<>()).add(SOURCES.relativize(file).toString());
            }
        }
    }

    @Test
    void noPackageCycle() {
        List<String> cycles = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String start : GRAPH.keySet()) {
            findCycles(start, new ArrayList<>(), done, cycles);
        }
        assertThat(cycles).as("package cycles in hygge-core (each edge names the files that make it)").isEmpty();
    }

    @Test
    void layersPointOneWay() {
        assertUsesOnly("dev.hygge.spi");
        assertUsesOnly("dev.hygge.schema", "dev.hygge.spi");
        assertUsesOnly("dev.hygge.jdbc", "dev.hygge.schema", "dev.hygge.spi");
        assertUsesOnly("dev.hygge.polish", "dev.hygge.spi");
        // a Store's polish: is read into the polish package's own model, which knows no YAML
        assertUsesOnly("dev.hygge.config", "dev.hygge.spi", "dev.hygge.polish");
    }

    private static void assertUsesOnly(String from, String... allowed) {
        Map<String, Set<String>> uses = new TreeMap<>(GRAPH.getOrDefault(from, Map.of()));
        uses.keySet().removeAll(Set.of(allowed));
        assertThat(uses).as("%s may use only %s; it uses these (with the files that do)", from, List.of(allowed)).isEmpty();
    }

    private static void findCycles(String node, List<String> path, Set<String> done, List<String> cycles) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            StringBuilder shown = new StringBuilder(String.join(" -> ", cycle));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                shown.append("\n  ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1)).append(": ")
                        .append(GRAPH.get(cycle.get(i)).get(cycle.get(i + 1)));
            }
            cycles.add(shown.toString());
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : GRAPH.getOrDefault(node, Map.of()).keySet()) {
            findCycles(next, path, done, cycles);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }
}
