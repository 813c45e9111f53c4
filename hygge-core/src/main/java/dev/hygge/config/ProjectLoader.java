package dev.hygge.config;

import dev.hygge.spi.FlowLimits;
import dev.hygge.spi.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code hygge.yml}, the flow folders and entity files into a {@link Project}, every problem
 * of every file in one pass. What each part of that takes lives beside it: where the files are
 * ({@link ProjectFiles}), the keys of each map ({@link Shapes}, bound by {@link ShapeBinder}), the
 * original hygge's layout ({@link LegacyLayout}), a flow's entities ({@link EntityList}) and its
 * definitions ({@link FlowExpander}), a Home's or Store's settings ({@link PluginNodes}).
 */
final class ProjectLoader {
    private final Path file;
    private final Path root;
    private final Problems problems = new Problems();
    private final Notes notes = new Notes();
    private final YamlReader reader;
    private final Scalars scalars = new Scalars(problems);
    private final PluginNodes nodes;
    private final EntityList entityList;
    private final LegacyLayout legacyLayout;
    private final FlowExpander flows;
    private final RunSettingsReader run;
    private final OriginalKeys original;
    private List<ConnectionDefinition> connections = List.of();

    ProjectLoader(Path file, Function<String, String> environment, Plugins plugins) {
        this.file = file.toAbsolutePath().normalize();
        this.root = this.file.getParent();
        this.reader = new YamlReader(environment, problems);
        KnownPlugins known = new KnownPlugins(plugins);
        this.original = new OriginalKeys(problems, notes, known::factory);
        this.nodes = new PluginNodes(root, problems, scalars, notes::add, known::entityRules, original);
        this.entityList = new EntityList(problems, scalars, nodes, () -> connections,
                text -> new Redactor(reader.substituted()).redact(text));
        this.legacyLayout = new LegacyLayout(problems, notes, known, nodes);
        this.run = new RunSettingsReader(problems, scalars, notes, nodes);
        this.flows = new FlowExpander(problems, scalars, nodes, entityList, legacyLayout, known::alternatives, run, original);
    }

    Project load() {
        YamlNode doc = reader.read(file, root.relativize(file));
        problems.throwIfAny();
        if (!doc.isMap()) {
            problems.add(doc.origin(), "a project file is a map of settings (" + String.join(", ",
                    Shapes.keys(Shapes.ProjectShape.class)) + "), not " + doc.kind());
            problems.throwIfAny();
        }
        ShapeBinder.Bound<Shapes.ProjectShape> project = ShapeBinder.bind(doc, Shapes.ProjectShape.class, "the project file",
                problems);
        String name = scalars.text(project, "name", project.shape().name())
                .orElse(root.getFileName() != null ? root.getFileName().toString() : "hygge");
        String flowsDir = scalars.text(project, "flows_dir", project.shape().flowsDir()).orElse("flows");
        ProjectOptions options = projectOptions(doc.get("options"));
        YamlNode journal = doc.get("journal");
        if (journal != null && !journal.isNull() && !journal.isMap()) {
            problems.add(journal.origin(), "'journal' is a map (" + String.join(", ", Shapes.keys(Shapes.JournalShape.class))
                    + "), not " + journal.kind());
        } else if (journal != null && journal.isMap()) {
            flows.projectJournal(journal);
        }
        this.connections = connections(doc.get("connections"));
        List<FlowDefinition> definitions = new ArrayList<>();
        Map<String, Origin> flowOrigins = new LinkedHashMap<>();

        YamlNode inline = doc.get("flows");
        if (inline != null && !inline.isNull()) {
            if (!inline.isMap()) {
                problems.add(inline.origin(), "'flows' is a map of flow name to settings, not " + inline.kind());
            } else {
                inline.entries().forEach((flowName, flowNode) -> {
                    checkName(flowName, "the project", flowNode.origin());
                    flowOrigins.put(flowName, flowNode.origin());
                    definitions.addAll(flows.expand(flowName, flowNode, List.of(), options, new Origin(root.relativize(file), 0, 0)));
                });
            }
        }
        Path dir = root.resolve(flowsDir).normalize();
        if (Files.isDirectory(dir)) {
            for (ProjectFiles.FlowFolder folder : ProjectFiles.flowFolders(problems, root, dir)) {
                definitions.addAll(flowFolder(folder, flowOrigins, options));
            }
        } else if (doc.get("flows_dir") != null) {
            problems.add(doc.get("flows_dir").origin(), "flows_dir '" + flowsDir + "' is not a folder under " + root
                    + "; create it or fix the name");
        }
        if (flowOrigins.isEmpty() && problems.isEmpty()) {
            problems.add(doc.origin(), "the project has no flows: add flows: {name: {home: ..., store: ...}} here, or a folder "
                    + flowsDir + "/<flow>/flow.yml");
        }
        connections = withImplicit(connections, doc.origin());
        problems.throwIfAny();
        return new Project(file, name, flowsDir, options, connections, List.copyOf(flowOrigins.keySet()), definitions,
                notes.list(), new Redactor(reader.substituted()));
    }

    /** The definitions of a flow in its own folder ({@code flows/<flow>/flow.yml}, {@code entities/*.yml}). */
    private List<FlowDefinition> flowFolder(ProjectFiles.FlowFolder folder, Map<String, Origin> flowOrigins,
                                            ProjectOptions options) {
        YamlNode flowNode = reader.read(folder.flowFile(), root.relativize(folder.flowFile()));
        if (flowNode == null) {
            return List.of();
        }
        String flowName = folder.name();
        if (flowOrigins.containsKey(flowName)) {
            problems.add(flowNode.origin(), "flow '" + flowName + "' is also defined at " + flowOrigins.get(flowName)
                    + "; keep one of the two");
            return List.of();
        }
        checkName(flowName, "folder " + root.relativize(folder.dir()), flowNode.origin());
        flowOrigins.put(flowName, flowNode.origin());
        List<YamlNode> entityFiles = new ArrayList<>();
        for (Path entityFile : ProjectFiles.entityFiles(problems, root, folder.dir())) {
            YamlNode entityNode = reader.read(entityFile, root.relativize(entityFile));
            if (entityNode != null) {
                entityFiles.add(entityFile(entityFile, entityNode));
            }
        }
        return flows.expand(flowName, flowNode, entityFiles, options, flowNode.origin());
    }

    /** An entity file as a map with a name: the file's own name when it gives none. */
    private YamlNode entityFile(Path path, YamlNode node) {
        YamlNode name = YamlNode.scalar(ProjectFiles.baseName(path), node.origin());
        if (!node.isMap()) {
            problems.add(node.origin(), "an entity file is a map (" + String.join(", ", Shapes.keys(Shapes.EntityShape.class))
                    + "), not " + node.kind());
            return YamlNode.map(Map.of("name", name), node.origin());
        }
        if (node.get("name") == null) {
            Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
            entries.put("name", name);
            return YamlNode.map(entries, node.origin());
        }
        return node;
    }

    private void checkName(String flowName, String where, Origin origin) {
        entityList.checkName(flowName, "flow", where, origin);
    }

    private ProjectOptions projectOptions(YamlNode node) {
        ProjectOptions d = ProjectOptions.DEFAULTS;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), "'options' is a map (" + String.join(", ", Shapes.keys(Shapes.ProjectOptionsShape.class))
                    + "), not " + node.kind());
            return d;
        }
        ShapeBinder.Bound<Shapes.ProjectOptionsShape> bound = ShapeBinder.bind(legacyLayout.projectOptions(node), Shapes.ProjectOptionsShape.class, "the project's options", problems);
        Shapes.ProjectOptionsShape o = bound.shape();
        RunSettingsReader.Level level = run.options(bound, o.retries(), node, "the project",
                RunSettingsReader.Level.of(d, node.origin(), null));
        return new ProjectOptions(
                scalars.whole(bound, o.maxParallelFlows(), FlowLimits.MAX_PARALLEL_FLOWS).orElse(d.maxParallelFlows()),
                scalars.bool(bound, "continue_on_error", o.continueOnError()).orElse(d.continueOnError()),
                scalars.whole(bound, o.queueSize(), FlowLimits.QUEUE_SIZE).orElse(d.queueSize()),
                scalars.whole(bound, o.parallelism(), FlowLimits.PARALLELISM).orElse(d.parallelism()),
                scalars.lockTimeout(bound.at("lock_timeout")).orElse(d.lockTimeout()),
                level.incremental(), level.retries(), level.retryDelay());
    }

    /** The project's connections and those its Homes and Stores wrote inline ({@link OriginalKeys#implicitConnections}). */
    private List<ConnectionDefinition> withImplicit(List<ConnectionDefinition> defined, Origin origin) {
        List<ConnectionDefinition> all = new ArrayList<>(defined);
        for (ConnectionDefinition c : original.implicitConnections()) {
            if (defined.stream().anyMatch(d -> d.name().equals(c.name()))) {
                problems.add(origin, "connection '" + c.name() + "' is the name given to an inline connection; rename yours");
            }
            all.add(c);
        }
        return List.copyOf(all);
    }

    private List<ConnectionDefinition> connections(YamlNode node) {
        List<ConnectionDefinition> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), "'connections' is a map of connection name to settings, not " + node.kind());
            return result;
        }
        node.entries().forEach((name, settings) -> {
            if (!settings.isMap()) {
                problems.add(settings.origin(), "connection '" + name + "' is a map of settings with a type (type: mssql, ...), not "
                        + settings.kind());
                return;
            }
            YamlNode type = settings.get("type");
            Optional<String> typeName = scalars.text(type, "type");
            if (typeName.isEmpty()) {
                if (type == null) {
                    problems.add(settings.origin(), "connection '" + name + "' has no type; add type: (mssql, duckdb, ...)");
                }
                return;
            }
            String lower = typeName.get().toLowerCase(Locale.ROOT);
            result.add(new ConnectionDefinition(name, new PluginSpec(lower,
                    nodes.resolvePaths(original.connection(settings, name, lower)), type.origin())));
        });
        return result;
    }
}
