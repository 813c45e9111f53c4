package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.config.ConnectionDefinition;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
import dev.hygge.config.RunSettings;
import dev.hygge.spi.Plugins;
import java.util.List;

/**
 * Where a YAML project meets the engine: the project ({@code dev.hygge.config}) only describes
 * flows, options and connections; this turns those descriptions into the engine's {@link Flow}s,
 * {@link RunOptions} and a runtime's connections. Keeping it on the engine's side is what lets the
 * YAML model know nothing of the engine (the packages point one way: {@code dev.hygge -> config -> spi}).
 *
 * <pre>{@code
 * Project project = Project.discover(Path.of(""));
 * Plugins plugins = Plugins.discover();
 * List<Flow> flows = ProjectFlows.flows(project, project.select(null, null), plugins);  // every problem, with file and line
 * try (Hygge hygge = ProjectFlows.connections(project, Hygge.builder().plugins(plugins)).build()) {
 *     RunResult result = hygge.run(flows, ProjectFlows.runOptions(project));
 * }
 * }</pre>
 *
 * {@link Hygge#run(Project)} does all of it for a whole project.
 */
public final class ProjectFlows {
    private ProjectFlows() {}

    /**
     * Validates the definitions (and the project's connections) against the plugins, then makes
     * their flows.
     *
     * @throws dev.hygge.config.ProjectConfigException listing every problem, each with its file and line
     */
    public static List<Flow> flows(Project project, List<FlowDefinition> definitions, Plugins plugins) {
        requireNonNull(project, "project is null");
        project.validate(definitions, plugins);
        return definitions.stream().map(ProjectFlows::flow).toList();
    }

    /**
     * As {@link #flows(Project, List, Plugins)}, each flow recorded in its journal ({@code journal:},
     * or the default of a flow with a watermark) opened from {@code journals}.
     */
    public static List<Flow> flows(Project project, List<FlowDefinition> definitions, Plugins plugins, ProjectJournals journals) {
        requireNonNull(project, "project is null");
        requireNonNull(journals, "journals is null");
        project.validate(definitions, plugins);
        return definitions.stream().map(d -> {
            Flow.Builder builder = builder(d).coordinator(project.name());
            d.run().journal().flatMap(file -> journals.open(file, project::redact)).ifPresent(builder::journal);
            return builder.build();
        }).toList();
    }

    /** The engine's flow of one definition: Home and Store given by type and options, created when it runs; no journal. */
    public static Flow flow(FlowDefinition definition) {
        return builder(requireNonNull(definition, "definition is null")).build();
    }

    /** As {@link #flow(FlowDefinition)}, recorded in the definition's journal as a run of {@code coordinator}. */
    public static Flow flow(FlowDefinition definition, String coordinator, ProjectJournals journals) {
        Flow.Builder builder = builder(requireNonNull(definition, "definition is null")).coordinator(coordinator);
        definition.run().journal().flatMap(journals::open).ifPresent(builder::journal);
        return builder.build();
    }

    private static Flow.Builder builder(FlowDefinition definition) {
        RunSettings run = definition.run();
        Flow.Builder builder = Flow.builder(definition.flow())
                .entity(definition.entity().orElse(null))
                .from(definition.home().type(), definition.home().options())
                .to(definition.store().type(), definition.store().options())
                .parallelism(definition.parallelism())
                .queueSize(definition.queueSize())
                .lockTimeout(definition.lockTimeout())
                .retries(run.retries())
                .retryDelay(run.retryDelay());
        run.watermark().filter(w -> w.column().isPresent()).ifPresent(w -> builder.incremental(
                Incremental.on(w.column().get()).primaryKey(w.primaryKey()).lookback(w.lookback()).includeNulls(w.includeNulls())));
        if (!run.incremental()) {
            builder.fullDrop();
        }
        definition.polish().ifPresent(builder::polish);
        return builder;
    }

    /**
     * The definitions run the other way for once: {@code hygge start --incremental} (true) or
     * {@code --full-drop} (false) over every run type of the project. Validating them
     * ({@link #flows}) then checks what an incremental run needs of each.
     */
    public static List<FlowDefinition> runType(List<FlowDefinition> definitions, boolean incremental) {
        return definitions.stream().map(d -> d.withIncremental(incremental)).toList();
    }

    /** The project's {@code max_parallel_flows} and {@code continue_on_error}. */
    public static RunOptions runOptions(Project project) {
        requireNonNull(project, "project is null");
        return new RunOptions(project.options().maxParallelFlows(), project.options().continueOnError());
    }

    /** Registers the project's connections with a runtime being built. */
    public static Hygge.Builder connections(Project project, Hygge.Builder builder) {
        requireNonNull(project, "project is null");
        requireNonNull(builder, "builder is null");
        for (ConnectionDefinition c : project.connections()) {
            builder.connection(c.name(), c.spec().type(), c.spec().options());
        }
        return builder;
    }
}
