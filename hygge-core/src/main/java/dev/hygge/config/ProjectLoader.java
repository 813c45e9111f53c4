package dev.hygge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.hygge.spi.FlowLimits;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.SupportsEntities;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@code hygge.yml}, the flow folders and entity files into a {@link Project}. */
final class ProjectLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectLoader.class);

    static final List<String> PROJECT_KEYS = List.of("name", "flows_dir", "connections", "options", "flows");
    static final List<String> PROJECT_OPTION_KEYS = List.of("max_parallel_flows", "continue_on_error", "queue_size", "parallelism",
            "lock_timeout");
    static final List<String> FLOW_KEYS = List.of("name", "home", "store", "entities", "include", "exclude", "options");
    static final List<String> FLOW_OPTION_KEYS = List.of("queue_size", "parallelism", "lock_timeout");
    static final List<String> ENTITY_KEYS = List.of("name", "home", "store", "options");
    static final String ENTITY = "{entity}";

    private final Path file;
    private final Path root;
    private final Problems problems = new Problems();
    private final YamlReader reader;
    private final List<String> notes = new ArrayList<>();

    private final Plugins plugins;
    private List<ConnectionDefinition> connections = List.of();
    private final Scalars scalars = new Scalars(problems);
    private final PluginNodes nodes;
    private final EntityList entityList;

    ProjectLoader(Path file, Function<String, String> environment, Plugins plugins) {
        this.plugins = plugins;
        this.file = file.toAbsolutePath().normalize();
        this.root = this.file.getParent();
        this.reader = new YamlReader(environment, problems);
        this.nodes = new PluginNodes(root, problems, scalars, this::note, this::entityRules);
        this.entityList = new EntityList(problems, scalars, nodes, () -> connections,
                text -> new Redactor(reader.substituted()).redact(text));
    }

    Project load() {
        YamlNode doc = reader.read(file, root.relativize(file));
        problems.throwIfAny();
        if (!doc.isMap()) {
            problems.add(doc.origin(), "a project file is a map of settings (name, flows_dir, connections, options, flows), not "
                    + doc.kind());
            problems.throwIfAny();
        }
        checkKeys(doc, PROJECT_KEYS, "the project file");
        String name = scalars.text(doc.get("name"), "name").orElse(root.getFileName() != null ? root.getFileName().toString() : "hygge");
        String flowsDir = scalars.text(doc.get("flows_dir"), "flows_dir").orElse("flows");
        ProjectOptions options = projectOptions(doc.get("options"));
        List<ConnectionDefinition> connections = connections(doc.get("connections"));
        this.connections = connections;
        List<FlowDefinition> flows = new ArrayList<>();
        Set<String> flowNames = new LinkedHashSet<>();
        Map<String, Origin> flowOrigins = new LinkedHashMap<>();

        YamlNode inline = doc.get("flows");
        if (inline != null && !inline.isNull()) {
            if (!inline.isMap()) {
                problems.add(inline.origin(), "'flows' is a map of flow name to settings, not " + inline.kind());
            } else {
                inline.entries().forEach((flowName, flowNode) -> {
                    entityList.checkName(flowName, "flow", "the project", flowNode.origin());
                    flowOrigins.put(flowName, flowNode.origin());
                    flowNames.add(flowName);
                    flows.addAll(flow(flowName, flowNode, List.of(), options));
                });
            }
        }
        Path dir = root.resolve(flowsDir).normalize();
        if (Files.isDirectory(dir)) {
            for (Path flowDir : list(problems, root, dir, Files::isDirectory)) {
                Path flowFile = firstExisting(flowDir.resolve("flow.yml"), flowDir.resolve("flow.yaml"));
                if (flowFile == null) {
                    continue;
                }
                String flowName = flowDir.getFileName().toString();
                YamlNode flowNode = reader.read(flowFile, root.relativize(flowFile));
                if (flowNode == null) {
                    continue;
                }
                if (flowOrigins.containsKey(flowName)) {
                    problems.add(flowNode.origin(), "flow '" + flowName + "' is also defined at " + flowOrigins.get(flowName)
                            + "; keep one of the two");
                    continue;
                }
                entityList.checkName(flowName, "flow", "folder " + root.relativize(flowDir), flowNode.origin());
                flowOrigins.put(flowName, flowNode.origin());
                flowNames.add(flowName);
                List<YamlNode> entityFiles = new ArrayList<>();
                Path entitiesDir = flowDir.resolve("entities");
                if (Files.isDirectory(entitiesDir)) {
                    for (Path entityFile : list(problems, root, entitiesDir, p -> isYaml(p) && Files.isRegularFile(p))) {
                        YamlNode entityNode = reader.read(entityFile, root.relativize(entityFile));
                        if (entityNode != null) {
                            entityFiles.add(entityFile(entityFile, entityNode));
                        }
                    }
                }
                flows.addAll(flow(flowName, flowNode, entityFiles, options));
            }
        } else if (doc.get("flows_dir") != null) {
            problems.add(doc.get("flows_dir").origin(), "flows_dir '" + flowsDir + "' is not a folder under " + root
                    + "; create it or fix the name");
        }
        if (flowNames.isEmpty() && problems.isEmpty()) {
            problems.add(doc.origin(), "the project has no flows: add flows: {name: {home: ..., store: ...}} here, or a folder "
                    + flowsDir + "/<flow>/flow.yml");
        }
        problems.throwIfAny();
        return new Project(file, name, flowsDir, options, connections, List.copyOf(flowNames), flows, notes,
                new Redactor(reader.substituted()));
    }

    // ---------------------------------------------------------------------------------------- project

    private ProjectOptions projectOptions(YamlNode node) {
        ProjectOptions d = ProjectOptions.DEFAULTS;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), "'options' is a map (max_parallel_flows, continue_on_error, queue_size, parallelism), not "
                    + node.kind());
            return d;
        }
        YamlNode legacy = node.get("max_parallel_entities");
        if (legacy != null) {
            Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
            entries.remove("max_parallel_entities");
            if (entries.putIfAbsent("max_parallel_flows", legacy) == null) {
                note(legacy.origin() + ": 'max_parallel_entities' is the original hygge's name; write max_parallel_flows");
            } else {
                problems.add(legacy.origin(), "'max_parallel_entities' and 'max_parallel_flows' are the same setting; keep max_parallel_flows");
            }
            node = YamlNode.map(entries, node.origin());
        }
        checkKeys(node, PROJECT_OPTION_KEYS, "the project's options");
        return new ProjectOptions(
                scalars.integer(node.get("max_parallel_flows"), FlowLimits.MAX_PARALLEL_FLOWS).orElse(d.maxParallelFlows()),
                scalars.bool(node.get("continue_on_error"), "continue_on_error").orElse(d.continueOnError()),
                scalars.integer(node.get("queue_size"), FlowLimits.QUEUE_SIZE).orElse(d.queueSize()),
                scalars.integer(node.get("parallelism"), FlowLimits.PARALLELISM).orElse(d.parallelism()),
                scalars.lockTimeout(node.get("lock_timeout")).orElse(d.lockTimeout()));
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
            YamlNode resolved = nodes.resolvePaths(settings);
            result.add(new ConnectionDefinition(name, new PluginSpec(typeName.get().toLowerCase(Locale.ROOT), resolved,
                    type.origin())));
        });
        return result;
    }

    // ------------------------------------------------------------------------------------------ flows

    private YamlNode entityFile(Path path, YamlNode node) {
        if (!node.isMap()) {
            problems.add(node.origin(), "an entity file is a map (name, home, store, options), not " + node.kind());
            return YamlNode.map(Map.of("name", YamlNode.scalar(baseName(path), node.origin())), node.origin());
        }
        if (node.get("name") == null) {
            Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
            entries.put("name", YamlNode.scalar(baseName(path), node.origin()));
            return YamlNode.map(entries, node.origin());
        }
        return node;
    }

    private List<FlowDefinition> flow(String name, YamlNode node, List<YamlNode> entityFiles, ProjectOptions defaults) {
        String where = "flow '" + name + "'";
        if (node == null || !node.isMap()) {
            problems.add(node != null ? node.origin() : new Origin(root.relativize(file), 0, 0),
                    where + " is a map of settings (home, store, entities, options), not " + (node == null ? "empty" : node.kind()));
            return List.of();
        }
        Map<String, YamlNode> checked = new LinkedHashMap<>(node.entries());
        checked.remove("defaults");                        // the original's layout, handled below
        checkKeys(YamlNode.map(checked, node.origin()), FLOW_KEYS, where);
        YamlNode home = nodes.pluginNode(node.get("home"), "home", where, true);
        YamlNode store = nodes.pluginNode(node.get("store"), "store", where, true);
        if (node.get("home") == null) {
            problems.add(node.origin(), where + " has no home: add home: <path> or home: {type: ..., ...}");
        }
        if (node.get("store") == null) {
            problems.add(node.origin(), where + " has no store: add store: <path> or store: {type: ..., ...}");
        }
        Map<String, YamlNode> legacy = new LinkedHashMap<>();
        FlowSettings settings = flowOptions(node.get("options"), where, new FlowSettings(defaults.queueSize(),
                defaults.parallelism(), defaults.lockTimeout()), legacy);
        YamlNode flowDefaults = node.get("defaults");
        if (flowDefaults != null && flowDefaults.isMap()) {
            note(flowDefaults.origin() + ": 'defaults:' is the original hygge's layout; write home and store settings under home: and store:");
            flowDefaults.entries().forEach(legacy::putIfAbsent);
        } else if (flowDefaults != null && !flowDefaults.isNull()) {
            problems.add(flowDefaults.origin(), "'defaults' of " + where + " is a map of home/store settings, not " + flowDefaults.kind());
        }
        if (home != null && store != null && !legacy.isEmpty()) {
            YamlNode[] routed = route(legacy, home, store, home, store, where);
            home = routed[0];
            store = routed[1];
        }

        Map<String, YamlNode> entities = entityList.entities(node, entityFiles, home, where);
        if (home == null || store == null) {
            return List.of();
        }
        YamlNode flowHome = home;
        YamlNode flowStore = store;
        List<FlowDefinition> result = new ArrayList<>();
        if (entities == null) {
            PluginSpec homeSpec = nodes.spec(home, "home", where, null);
            PluginSpec storeSpec = nodes.spec(store, "store", where, null);
            if (homeSpec != null && storeSpec != null) {
                result.add(new FlowDefinition(name, Optional.empty(), homeSpec, storeSpec, settings.parallelism(),
                        settings.queueSize(), node.origin(), settings.lockTimeout()));
            }
            return result;
        }
        entities.forEach((entity, entityNode) -> {
            String entityWhere = "entity '" + entity + "' of " + where;
            YamlNode entityHome = flowHome;
            YamlNode entityStore = flowStore;
            FlowSettings entitySettings = settings;
            if (entityNode != null) {
                checkKeys(entityNode, ENTITY_KEYS, entityWhere);
                YamlNode ownHome = nodes.pluginNode(entityNode.get("home"), "home", entityWhere, false);
                YamlNode ownStore = nodes.pluginNode(entityNode.get("store"), "store", entityWhere, false);
                Map<String, YamlNode> entityLegacy = new LinkedHashMap<>();
                entitySettings = flowOptions(entityNode.get("options"), entityWhere, settings, entityLegacy);
                if (!entityLegacy.isEmpty()) {
                    // the entity's own settings, however written, override the flow's
                    YamlNode[] routed = route(entityLegacy, merge(flowHome, ownHome), merge(flowStore, ownStore),
                            ownHome != null ? ownHome : YamlNode.map(Map.of(), entityNode.origin()),
                            ownStore != null ? ownStore : YamlNode.map(Map.of(), entityNode.origin()), entityWhere);
                    ownHome = routed[0];
                    ownStore = routed[1];
                }
                entityHome = merge(flowHome, ownHome);
                entityStore = merge(flowStore, ownStore);
            }
            PluginSpec homeSpec = nodes.spec(entityHome, "home", where, entity);
            PluginSpec storeSpec = nodes.spec(entityStore, "store", where, entity);
            if (homeSpec != null && storeSpec != null) {
                result.add(new FlowDefinition(name, Optional.of(entity), homeSpec, storeSpec, entitySettings.parallelism(),
                        entitySettings.queueSize(), entityNode != null ? entityNode.origin() : node.origin(),
                        entitySettings.lockTimeout()));
            }
        });
        return result;
    }

    /** The engine settings a flow or entity may set under {@code options:}, over those it inherits. */
    private record FlowSettings(int queueSize, int parallelism, java.time.Duration lockTimeout) {}

    /**
     * queue_size, parallelism and lock_timeout of a flow or entity, each over {@code inherited}.
     * Other keys go to {@code legacy}: the original hygge kept Home/Store settings there.
     */
    private FlowSettings flowOptions(YamlNode node, String where, FlowSettings inherited, Map<String, YamlNode> legacy) {
        if (node == null || node.isNull()) {
            return inherited;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), "options of " + where + " are a map (queue_size, parallelism, lock_timeout), not "
                    + node.kind());
            return inherited;
        }
        node.entries().forEach((key, value) -> {
            if (!FLOW_OPTION_KEYS.contains(key)) {
                legacy.put(key, value);
            }
        });
        return new FlowSettings(
                scalars.integer(node.get("queue_size"), FlowLimits.QUEUE_SIZE).orElse(inherited.queueSize()),
                scalars.integer(node.get("parallelism"), FlowLimits.PARALLELISM).orElse(inherited.parallelism()),
                scalars.lockTimeout(node.get("lock_timeout")).orElse(inherited.lockTimeout()));
    }

    /**
     * Moves Home/Store settings written under {@code options:} or {@code defaults:} (the original
     * hygge's layout) to the Store or Home whose options class has that key, with a deprecation
     * note. A key set directly under home:/store: wins. Without the plugins to ask, or for a key
     * neither has, the key is reported as unknown.
     *
     * @param home the Home whose type decides (merged)
     * @param store the Store whose type decides (merged)
     * @param homeTarget the settings the keys are added to (the flow's, or the entity's own)
     * @param storeTarget likewise for the Store
     * @return {@code [homeTarget, storeTarget]} with the keys added
     */
    private YamlNode[] route(Map<String, YamlNode> legacy, YamlNode home, YamlNode store, YamlNode homeTarget,
                             YamlNode storeTarget, String where) {
        Set<String> storeKeys = optionKeys(store, false);
        Set<String> homeKeys = optionKeys(home, true);
        Map<String, YamlNode> homeEntries = new LinkedHashMap<>(homeTarget.entries());
        Map<String, YamlNode> storeEntries = new LinkedHashMap<>(storeTarget.entries());
        List<String> moved = new ArrayList<>();
        Origin first = null;
        for (Map.Entry<String, YamlNode> e : legacy.entrySet()) {
            String key = e.getKey();
            Map<String, YamlNode> target = storeKeys.contains(key) ? storeEntries : homeKeys.contains(key) ? homeEntries : null;
            if (target == null) {
                Set<String> valid = new java.util.LinkedHashSet<>(FLOW_OPTION_KEYS);
                storeKeys.stream().filter(k -> !k.equals("type")).sorted().forEach(valid::add);
                homeKeys.stream().filter(k -> !k.equals("type")).sorted().forEach(valid::add);
                problems.add(e.getValue().origin(), Closest.unknownKey("options of " + where, key, valid)
                        + (plugins == null ? "; Home and Store settings belong under home: and store:" : ""));
                continue;
            }
            target.putIfAbsent(key, e.getValue());
            moved.add((target == storeEntries ? "store." : "home.") + key);
            first = first == null ? e.getValue().origin() : first;
        }
        if (!moved.isEmpty()) {
            note(first + ": Home/Store settings under options:/defaults: are the original hygge's layout; write them under home:"
                    + " and store: (" + String.join(", ", moved) + ")");
        }
        return new YamlNode[] {YamlNode.map(homeEntries, homeTarget.origin()), YamlNode.map(storeEntries, storeTarget.origin())};
    }

    private Plugins discovered;

    /**
     * The entity rules of the Home or Store factory of {@code type}. Without the plugins given, the
     * discovered ones are asked: an entity's options must not depend on whether the caller passed
     * them (a parquet Home without its rules would read sales[2024] as a glob).
     */
    private Optional<SupportsEntities> entityRules(String role, String type) {
        Plugins known = plugins;
        if (known == null) {
            if (discovered == null) {
                try {
                    discovered = Plugins.discover(classLoader());
                } catch (RuntimeException duplicateTypes) {
                    // validation reports duplicate types with the known names; an entity keeps only {entity} here
                    discovered = Plugins.builder().build();
                }
            }
            known = discovered;
        }
        boolean home = role.equals("home");
        if (!(home ? known.homeTypes() : known.storeTypes()).contains(type)) {
            return Optional.empty();
        }
        Object factory = home ? known.home(type) : known.store(type);
        return factory instanceof SupportsEntities rules ? Optional.of(rules) : Optional.empty();
    }

    /** The snake_case keys of the Home's or Store's options class; empty when unknown. */
    private Set<String> optionKeys(YamlNode node, boolean home) {
        Optional<String> type = nodes.typeOf(node);
        if (plugins == null || type.isEmpty()) {
            return Set.of();
        }
        Collection<String> known = home ? plugins.homeTypes() : plugins.storeTypes();
        if (!known.contains(type.get())) {
            return Set.of();
        }
        return OptionKeys.of(home ? plugins.home(type.get()).optionsType() : plugins.store(type.get()).optionsType());
    }

    private void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
            LOG.warn(note);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers


    static YamlNode merge(YamlNode base, YamlNode over) {
        if (over == null) {
            return base;
        }
        if (base == null) {
            return over;
        }
        return mergeMaps(base, over);
    }

    /** Deep merge: maps merge key by key, anything else in {@code over} replaces. */
    static YamlNode mergeMaps(YamlNode base, YamlNode over) {
        if (!base.isMap() || !over.isMap()) {
            return over;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(base.entries());
        over.entries().forEach((k, v) -> entries.merge(k, v, ProjectLoader::mergeMaps));
        return YamlNode.map(entries, over.origin());
    }

    private void checkKeys(YamlNode map, List<String> valid, String where) {
        for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
            if (!valid.contains(e.getKey())) {
                problems.add(e.getValue().origin(), Closest.unknownKey(where, e.getKey(), valid));
            }
        }
    }

    /** The entries of a folder that pass {@code filter}, sorted; a folder that cannot be listed is a problem. */
    static List<Path> list(Problems problems, Path root, Path dir, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            problems.add(new Origin(root.relativize(dir.toAbsolutePath().normalize()), 0, 0), "cannot list the folder: " + e.getMessage(), e);
            return List.of();
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ProjectLoader.class.getClassLoader();
    }
}
