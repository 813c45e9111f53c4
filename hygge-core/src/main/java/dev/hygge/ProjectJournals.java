package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.JournalFactory;
import dev.hygge.spi.RunJournal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journals a project's flows are recorded in, opened once per file with the
 * {@link JournalFactory} of the journal format ({@value #FORMAT}, the original hygge's) found by
 * {@link ServiceLoader}: the engine knows the format by name, never the plugin that writes it.
 * Closing closes every journal opened.
 *
 * <pre>{@code
 * try (ProjectJournals journals = ProjectJournals.discover();
 *      Hygge hygge = ProjectFlows.connections(project, Hygge.builder()).build()) {
 *     hygge.run(ProjectFlows.flows(project, project.flows(), plugins, journals), ProjectFlows.runOptions(project));
 * }
 * }</pre>
 */
public final class ProjectJournals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectJournals.class);
    /** The journal format projects keep. */
    public static final String FORMAT = "parquet";

    private final Optional<JournalFactory> factory;
    private final Map<Path, RunJournal> open = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    ProjectJournals(Optional<JournalFactory> factory) {
        this.factory = requireNonNull(factory, "factory is null");
    }

    /** The journals of the {@value #FORMAT} factory on the class path; none (each run said so once) without one. */
    public static ProjectJournals discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (JournalFactory f : ServiceLoader.load(JournalFactory.class, loader != null ? loader : ProjectJournals.class.getClassLoader())) {
            if (FORMAT.equals(f.format())) {
                return new ProjectJournals(Optional.of(f));
            }
        }
        return new ProjectJournals(Optional.empty());
    }

    /** Journals opened by {@code factory}. */
    public static ProjectJournals of(JournalFactory factory) {
        return new ProjectJournals(Optional.of(factory));
    }

    /** The journal in {@code file}, opened on first use; empty when no journal format is on the class path. */
    public Optional<RunJournal> open(Path file) {
        requireNonNull(file, "file is null");
        if (factory.isEmpty()) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("No '{}' journal format on the class path (hygge-parquet provides it): runs are not journaled, and an"
                        + " incremental flow whose Store keeps no state starts from the beginning each run", FORMAT);
            }
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(file.toAbsolutePath().normalize(), f -> factory.get().open(f)));
    }

    /**
     * As {@link #open(Path)}, every recorded message passed through {@code redact} first (a
     * project's: secrets and values from {@code ${VAR}} never reach the journal in an error).
     */
    public Optional<RunJournal> open(Path file, java.util.function.UnaryOperator<String> redact) {
        requireNonNull(redact, "redact is null");
        return open(file).map(journal -> new RunJournal() {
            @Override
            public String describe() {
                return journal.describe();
            }

            @Override
            public void record(dev.hygge.spi.JournalEntry e) {
                journal.record(e.message() == null ? e : new dev.hygge.spi.JournalEntry(e.entityRunId(), e.coordinatorRunId(),
                        e.flowRunId(), e.coordinator(), e.flow(), e.entity(), e.startTime(), e.finishTime(), e.status(), e.runType(),
                        e.rowCount(), e.duration(), e.primaryKey(), e.watermarkColumn(), e.watermarkType(), e.watermark(),
                        redact.apply(e.message()), e.schemaVersion()));
            }

            @Override
            public java.util.List<dev.hygge.spi.JournalEntry> entries(String flow, String entity) {
                return journal.entries(flow, entity);
            }

            @Override
            public java.util.List<dev.hygge.spi.JournalEntry> entries() {
                return journal.entries();
            }

            @Override
            public Optional<dev.hygge.spi.JournalEntry> lastWatermark(String flow, String entity) {
                return journal.lastWatermark(flow, entity);
            }
        });
    }

    @Override
    public void close() {
        open.values().forEach(journal -> {
            try {
                journal.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the journal {} failed", journal.describe(), e);
            }
        });
        open.clear();
    }
}
