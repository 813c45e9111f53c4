package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A hygge project: {@code hygge.yml} with its connections, options and flows (inline under
 * {@code flows:} or in {@code flows/<flow>/flow.yml} with {@code entities/*.yml}), resolved into
 * one {@link FlowDefinition} per flow or entity. It only describes: the engine ({@code dev.hygge})
 * turns the definitions into flows, run options and connections, so this package needs no engine.
 *
 * <pre>{@code
 * Project project = Project.discover(Path.of(""));          // hygge.yml here or in a folder above
 * try (Hygge hygge = Hygge.create()) {
 *     RunResult result = hygge.run(project);                 // validates: every problem, with file and line
 * }
 * // or a part of it, with the engine's glue:
 * List<Flow> flows = ProjectFlows.flows(project, project.select("crm", null), plugins);
 * try (Hygge hygge = ProjectFlows.connections(project, Hygge.builder().plugins(plugins)).build()) {
 *     RunResult result = hygge.run(flows, ProjectFlows.runOptions(project));
 * }
 * }</pre>
 *
 * <p>Settings of an entity override its flow's, which override the project's {@code options}.
 * {@code ${VAR}} and {@code ${VAR:-default}} come from the environment, {@code {entity}} is
 * replaced by the entity's name, and relative paths are taken from the project's folder.
 */
public final class Project {
    /** The file names a project is found by, in order of preference. */
    public static final List<String> FILE_NAMES = List.of("hygge.yml", "hygge.yaml");

    private final Path file;
    private final String name;
    private final String flowsDir;
    private final ProjectOptions options;
    private final List<ConnectionDefinition> connections;
    private final List<String> flowNames;
    private final List<FlowDefinition> flows;
    private final List<String> notes;
    private final Redactor redactor;

    Project(Path file, String name, String flowsDir, ProjectOptions options, List<ConnectionDefinition> connections,
            List<String> flowNames, List<FlowDefinition> flows, List<String> notes, Redactor redactor) {
        this.file = file;
        this.name = name;
        this.flowsDir = flowsDir;
        this.options = options;
        this.connections = List.copyOf(connections);
        this.flowNames = List.copyOf(flowNames);
        this.flows = List.copyOf(flows);
        this.notes = List.copyOf(notes);
        this.redactor = redactor;
    }

    /**
     * Loads a project file ({@code hygge.yml}) or the project in a folder.
     *
     * @throws ProjectConfigException listing every problem found, each with its file and line
     */
    public static Project load(Path fileOrFolder) {
        return load(fileOrFolder, System::getenv);
    }

    /** Loads a project with {@code ${VAR}} taken from {@code environment} instead of the process's. */
    public static Project load(Path fileOrFolder, Function<String, String> environment) {
        return load(fileOrFolder, environment, null);
    }

    /**
     * Loads a project knowing the plugins, so that Home/Store settings written the original
     * hygge's way (under a flow's or entity's {@code options:} or {@code defaults:}) go to the
     * Home or Store whose options have that key.
     *
     * @param plugins the plugins, or null to treat such settings as unknown keys
     */
    public static Project load(Path fileOrFolder, Function<String, String> environment, Plugins plugins) {
        requireNonNull(fileOrFolder, "fileOrFolder is null");
        requireNonNull(environment, "environment is null");
        return new ProjectLoader(ProjectFiles.projectFile(fileOrFolder), environment, plugins).load();
    }

    /** The project file in {@code folder} or the nearest folder above it. */
    public static Optional<Path> find(Path folder) {
        return ProjectFiles.find(folder);
    }

    /**
     * Loads the project whose {@code hygge.yml} is in {@code folder} or the nearest folder above.
     *
     * @throws ConfigException when there is none
     */
    public static Project discover(Path folder) {
        return discover(folder, null);
    }

    /** As {@link #discover(Path)}, knowing the plugins (see {@link #load(Path, Function, Plugins)}). */
    public static Project discover(Path folder, Plugins plugins) {
        return load(ProjectFiles.discover(folder), System::getenv, plugins);
    }

    /** The project file. */
    public Path file() {
        return file;
    }

    /** The project's folder: relative paths and the {@code .hygge} folder are under it. */
    public Path root() {
        return file.getParent();
    }

    public String name() {
        return name;
    }

    public String flowsDir() {
        return flowsDir;
    }

    public ProjectOptions options() {
        return options;
    }

    public List<ConnectionDefinition> connections() {
        return connections;
    }

    /** The flows' names, in the order they were defined. */
    public List<String> flowNames() {
        return flowNames;
    }

    /** Every flow, one per entity for entity flows, in definition order. */
    public List<FlowDefinition> flows() {
        return flows;
    }

    /** Deprecation notes found while loading, each once; not logged: the caller shows them (the CLI prints each once). */
    public List<String> notes() {
        return notes;
    }

    /**
     * The flows to run, narrowed to one flow and/or one entity.
     *
     * @param flow a flow name, or null for every flow
     * @param entity an entity name, or null for every entity
     * @throws ConfigException naming the known flows or entities when nothing matches
     */
    public List<FlowDefinition> select(String flow, String entity) {
        if (flow != null && !flowNames.contains(flow)) {
            throw new ConfigException("No flow '" + flow + "' in " + file.getFileName() + Closest.to(flow, flowNames)
                    .map(c -> "; did you mean '" + c + "'?").orElse("") + " (flows: " + String.join(", ", flowNames) + ")");
        }
        List<FlowDefinition> selected = new ArrayList<>();
        for (FlowDefinition d : flows) {
            if ((flow == null || d.flow().equals(flow)) && (entity == null || d.entity().filter(entity::equals).isPresent())) {
                selected.add(d);
            }
        }
        if (selected.isEmpty() && entity != null) {
            List<String> entities = flows.stream().filter(d -> flow == null || d.flow().equals(flow))
                    .flatMap(d -> d.entity().stream()).distinct().toList();
            throw new ConfigException("No entity '" + entity + "'" + (flow != null ? " in flow '" + flow + "'" : "")
                    + Closest.to(entity, entities).map(c -> "; did you mean '" + c + "'?").orElse("")
                    + (entities.isEmpty() ? "; the flow has no entities" : " (entities: " + String.join(", ", entities) + ")"));
        }
        return selected;
    }

    /**
     * Checks every Home, Store and connection against the plugins: known types, options bound to
     * each factory's typed options class (unknown keys with the closest valid key, wrong types),
     * connection names defined.
     *
     * @throws ProjectConfigException listing every problem, each with its file and line
     */
    public void validate(Plugins plugins) {
        validate(flows, plugins);
    }

    /**
     * As {@link #validate(Plugins)}, for some of the flows (those {@link #select} chose) and every
     * connection.
     *
     * @throws ProjectConfigException listing every problem, each with its file and line
     */
    public void validate(List<FlowDefinition> definitions, Plugins plugins) {
        requireNonNull(definitions, "definitions is null");
        requireNonNull(plugins, "plugins is null");
        new ProjectValidator(plugins, connections, redactor).validate(definitions);
    }

    /**
     * A message made safe to print: secrets masked, and every value that {@code ${VAR}} put into
     * this project written as {@code ${VAR}}. Errors of flows (a driver's message holding a
     * password from the environment) go through this before they are shown or recorded.
     */
    public String redact(String message) {
        return redactor.redact(message);
    }

    /**
     * The options of a Home, Store or connection as output may show them: secret values, values of
     * mistyped secret keys, and values of keys the plugin does not know are {@code ****}.
     *
     * @param factory the plugin the options are for, or null when its type is unknown (then only
     *     secret-looking keys are masked)
     */
    public static Map<String, Object> shown(PluginSpec spec, dev.hygge.spi.PluginFactory<?> factory) {
        java.util.Set<String> known = factory != null ? OptionKeys.of(factory.optionsType()) : java.util.Set.of();
        return Secrets.mask(spec.options(), key -> factory == null || known.contains(key));
    }

    @Override
    public String toString() {
        return "Project " + name + " (" + file + ", " + flows.size() + " flows)";
    }
}
