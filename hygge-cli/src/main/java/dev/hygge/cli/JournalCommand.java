package dev.hygge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hygge.config.Project;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.JournalEntry;
import dev.hygge.spi.JournalFactory;
import dev.hygge.spi.RunJournal;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hygge journal}: the recent runs of each entity as the run journal holds them (status,
 * rows, duration, watermark, when), newest first; {@code --json} for scripts. The journal's format
 * is found by {@link ServiceLoader} ({@link JournalFactory}, chosen by the file's extension), so
 * the CLI names no plugin. Without {@code --path}, the journals are those the project's flows are
 * recorded in, resolved from {@code hygge.yml} as {@code hygge start} does.
 *
 * <pre>{@code
 * hygge journal --entity orders --limit 5
 * hygge journal --path lake/.hygge_journal/journal.parquet --json
 * }</pre>
 */
@Command(name = "journal", description = "List the recent runs of each entity from the run journal (status, rows, duration, watermark).")
final class JournalCommand implements Callable<Integer> {
    @ParentCommand
    HyggeCli cli;

    @Option(names = "--path", paramLabel = "FILE", description = "A journal file (repeatable), such as lake/.hygge_journal/journal.parquet;"
            + " default: the journals of the project's flows.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--flow", paramLabel = "FLOW", description = "Only the runs of this flow.")
    String flow;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Only the runs of this entity.")
    String entity;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Runs shown per entity, newest first (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the runs as JSON, in the journal's own column names.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ConfigException("--limit must be at least 1, was " + limit);
        }
        Map<Path, List<JournalEntry>> runs = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            List<Path> found = projectJournals();
            for (Path path : found) {
                runs.put(path, Files.exists(path) ? read(path) : List.of());
            }
        } else {
            for (Path path : paths) {
                if (!Files.exists(path)) {
                    throw new ConfigException("No journal at " + path + ": check the path (a journal is written by the first run"
                            + " that records in it)");
                }
                runs.put(path, read(path));
            }
        }
        if (json) {
            cli.out.println(toJson(runs));
        } else {
            runs.forEach((path, entries) -> JournalListing.print(cli.out, path, entries));
        }
        return HyggeCli.OK;
    }

    /**
     * The journals the project's selected flows are recorded in, as {@code hygge start} resolves
     * them ({@code journal:}, else beside the Store of a flow with a watermark).
     */
    private List<Path> projectJournals() {
        Project project = cli.loadProject(cli.plugins.get());
        List<Path> found = project.select(flow, entity).stream().map(d -> d.run().journal()).flatMap(Optional::stream)
                .map(p -> p.toAbsolutePath().normalize()).distinct().collect(Collectors.toList());
        if (found.isEmpty()) {
            throw new ConfigException("No flow of " + project.file() + (flow != null ? " named '" + flow + "'" : "")
                    + " is recorded in a journal: give one a watermark: or a journal: setting, or name a journal file with --path");
        }
        return found;
    }

    private List<JournalEntry> read(Path path) {
        try (RunJournal journal = open(path)) {
            return recent(journal.entries());
        }
    }

    /** The runs that pass --flow/--entity, the newest {@code limit} of each flow/entity, grouped, newest first. */
    List<JournalEntry> recent(List<JournalEntry> entries) {
        Map<String, List<JournalEntry>> byEntity = new LinkedHashMap<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            if ((flow == null || flow.equals(e.flow())) && (entity == null || entity.equals(e.entity()))) {
                List<JournalEntry> runs = byEntity.computeIfAbsent(e.flow() + "/" + e.entity(), k -> new ArrayList<>());
                if (runs.size() < limit) {
                    runs.add(e);
                }
            }
        }
        return byEntity.keySet().stream().sorted().flatMap(k -> byEntity.get(k).stream()).collect(Collectors.toList());
    }

    /** The journal in {@code file}, opened by the {@link JournalFactory} of its extension. */
    static RunJournal open(Path file) {
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        List<String> known = new ArrayList<>();
        for (JournalFactory factory : ServiceLoader.load(JournalFactory.class, JournalCommand.class.getClassLoader())) {
            if (factory.format().equalsIgnoreCase(extension)) {
                return factory.open(file);
            }
            known.add(factory.format());
        }
        throw new ConfigException("Cannot read the journal " + file + ": no journal format '" + extension + "' is installed (known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + "); a journal file ends in the format's name, such as"
                + " journal.parquet");
    }

    private static String toJson(Map<Path, List<JournalEntry>> runs) {
        List<Map<String, Object>> journals = new ArrayList<>();
        runs.forEach((path, entries) -> {
            Map<String, Object> journal = new LinkedHashMap<>();
            journal.put("path", path.toString());
            journal.put("runs", entries);
            journals.add(journal);
        });
        try {
            return RunReport.JSON.writeValueAsString(Map.of("journals", journals));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
