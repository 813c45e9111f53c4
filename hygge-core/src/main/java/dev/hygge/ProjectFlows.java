package dev.hygge;

import static java.util.Objects.requireNonNull;

import dev.hygge.config.ConnectionDefinition;
import dev.hygge.config.FlowDefinition;
import dev.hygge.config.Project;
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

    /** The engine's flow of one definition: Home and Store given by type and options, created when it runs. */
    public static Flow flow(FlowDefinition definition) {
        requireNonNull(definition, "definition is null");
        return Flow.builder(definition.flow())
                .entity(definition.entity().orElse(null))
                .from(definition.home().type(), definition.home().options())
                .to(definition.store().type(), definition.store().options())
                .parallelism(definition.parallelism())
                .queueSize(definition.queueSize())
                .lockTimeout(definition.lockTimeout())
                .build();
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
