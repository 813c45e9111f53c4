package dev.hygge.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import dev.hygge.Options;
import dev.hygge.Plugins;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
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

    static final int MAX_PARALLEL_FLOWS = 1024;
    static final int MAX_QUEUE_SIZE = 10_000;
    static final int MAX_PARALLELISM = 1024;
    static final java.time.Duration MAX_LOCK_TIMEOUT = java.time.Duration.ofDays(7);

    private final Path file;
    private final Path root;
    private final Problems problems = new Problems();
    private final YamlReader reader;
    private final List<String> notes = new ArrayList<>();

    private final Plugins plugins;
    private List<ConnectionDefinition> connections = List.of();

    ProjectLoader(Path file, Function<String, String> environment, Plugins plugins) {
        this.plugins = plugins;
        this.file = file.toAbsolutePath().normalize();
        this.root = this.file.getParent();
        this.reader = new YamlReader(environment, problems);
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
        String name = text(doc.get("name"), "name").orElse(root.getFileName() != null ? root.getFileName().toString() : "hygge");
        String flowsDir = text(doc.get("flows_dir"), "flows_dir").orElse("flows");
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
                    checkName(flowName, "flow", "the project", flowNode.origin());
                    flowOrigins.put(flowName, flowNode.origin());
                    flowNames.add(flowName);
                    flows.addAll(flow(flowName, flowNode, List.of(), options));
                });
            }
        }
        Path dir = root.resolve(flowsDir).normalize();
        if (Files.isDirectory(dir)) {
            for (Path flowDir : list(dir, Files::isDirectory)) {
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
                checkName(flowName, "flow", "folder " + root.relativize(flowDir), flowNode.origin());
                flowOrigins.put(flowName, flowNode.origin());
                flowNames.add(flowName);
                List<YamlNode> entityFiles = new ArrayList<>();
                Path entitiesDir = flowDir.resolve("entities");
                if (Files.isDirectory(entitiesDir)) {
                    for (Path entityFile : list(entitiesDir, p -> isYaml(p) && Files.isRegularFile(p))) {
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
                integer(node.get("max_parallel_flows"), "max_parallel_flows", 1, MAX_PARALLEL_FLOWS).orElse(d.maxParallelFlows()),
                bool(node.get("continue_on_error"), "continue_on_error").orElse(d.continueOnError()),
                integer(node.get("queue_size"), "queue_size", 0, MAX_QUEUE_SIZE).orElse(d.queueSize()),
                integer(node.get("parallelism"), "parallelism", 0, MAX_PARALLELISM).orElse(d.parallelism()),
                duration(node.get("lock_timeout"), "lock_timeout").orElse(d.lockTimeout()));
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
            Optional<String> typeName = text(type, "type");
            if (typeName.isEmpty()) {
                if (type == null) {
                    problems.add(settings.origin(), "connection '" + name + "' has no type; add type: (mssql, duckdb, ...)");
                }
                return;
            }
            YamlNode resolved = resolvePaths(settings);
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
        YamlNode home = pluginNode(node.get("home"), "home", where, true);
        YamlNode store = pluginNode(node.get("store"), "store", where, true);
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

        Map<String, YamlNode> entities = entities(node, entityFiles, home, where);
        if (home == null || store == null) {
            return List.of();
        }
        YamlNode flowHome = home;
        YamlNode flowStore = store;
        List<FlowDefinition> result = new ArrayList<>();
        if (entities == null) {
            PluginSpec homeSpec = spec(home, "home", where, null);
            PluginSpec storeSpec = spec(store, "store", where, null);
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
                YamlNode ownHome = pluginNode(entityNode.get("home"), "home", entityWhere, false);
                YamlNode ownStore = pluginNode(entityNode.get("store"), "store", entityWhere, false);
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
            PluginSpec homeSpec = spec(entityHome, "home", where, entity);
            PluginSpec storeSpec = spec(entityStore, "store", where, entity);
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
                integer(node.get("queue_size"), "queue_size", 0, MAX_QUEUE_SIZE).orElse(inherited.queueSize()),
                integer(node.get("parallelism"), "parallelism", 0, MAX_PARALLELISM).orElse(inherited.parallelism()),
                duration(node.get("lock_timeout"), "lock_timeout").orElse(inherited.lockTimeout()));
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

    /** The snake_case keys of the Home's or Store's options class; empty when unknown. */
    private Set<String> optionKeys(YamlNode node, boolean home) {
        Optional<String> type = typeOf(node);
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

    /**
     * The entities of a flow, by name, each with its own settings node (null when it only has a
     * name); null when the flow has no entities.
     */
    private Map<String, YamlNode> entities(YamlNode flow, List<YamlNode> entityFiles, YamlNode home, String where) {
        YamlNode list = flow.get("entities");
        Map<String, YamlNode> result = new LinkedHashMap<>();
        boolean declared = false;
        int problemsBefore = problems.size();
        Set<String> discovered = new LinkedHashSet<>();
        if (list != null && !list.isNull()) {
            declared = true;
            if (list.isScalar() && "*".equals(list.scalarValue())) {
                for (String name : discover(home, list, where)) {
                    discovered.add(name);
                    result.put(name, YamlNode.map(Map.of(), list.origin()));
                }
            } else if (list.isList()) {
                for (YamlNode item : list.items()) {
                    if (item.isScalar() && item.scalarValue() != null) {
                        // an empty settings node keeps the name's own line for messages about this entity
                        putEntity(result, String.valueOf(item.scalarValue()), YamlNode.map(Map.of(), item.origin()),
                                item.origin(), where);
                    } else if (item.isMap()) {
                        YamlNode nameNode = item.get("name");
                        if (nameNode == null || !nameNode.isScalar() || nameNode.isNull()) {
                            problems.add(item.origin(), "an entity of " + where + " given as a map needs a name: key");
                        } else {
                            putEntity(result, String.valueOf(nameNode.scalarValue()), item, nameNode.origin(), where);
                        }
                    } else {
                        problems.add(item.origin(), "an entity of " + where + " is a name or a map with a name, not " + item.kind());
                    }
                }
            } else {
                problems.add(list.origin(), "'entities' of " + where + " is a list of names ([a, b]) or \"*\" (every entity the home"
                        + " offers), not " + list.described());
            }
        }
        for (YamlNode entityFile : entityFiles) {
            YamlNode nameNode = entityFile.get("name");
            Optional<String> name = nameNode != null && nameNode.isScalar() && nameNode.scalarValue() != null
                    ? Optional.of(String.valueOf(nameNode.scalarValue())) : text(nameNode, "name");
            if (name.isEmpty() || !checkName(name.get(), "entity", where, nameNode.origin())) {
                continue;
            }
            YamlNode inline = result.get(name.get());
            result.put(name.get(), inline == null ? entityFile : mergeMaps(inline, entityFile));
            declared = true;
        }
        List<String> include = globs(flow.get("include"), "include");
        List<String> exclude = globs(flow.get("exclude"), "exclude");
        if (!declared) {
            if (flow.get("include") != null || flow.get("exclude") != null) {
                YamlNode at = flow.get("include") != null ? flow.get("include") : flow.get("exclude");
                problems.add(at.origin(), "include/exclude narrow the entities of " + where + ", which has none: add entities: \"*\"");
            }
            return null;
        }
        if (!include.isEmpty() || !exclude.isEmpty()) {
            List<PathMatcher> in = matchers(include);
            List<PathMatcher> out = matchers(exclude);
            result.keySet().removeIf(name -> {
                Path p = Path.of(name);
                return (!in.isEmpty() && in.stream().noneMatch(m -> m.matches(p))) || out.stream().anyMatch(m -> m.matches(p));
            });
        }
        // A listed name that cannot be an entity is an error, not a skip: its rows would be missing
        // from the Store while the run reports success. exclude: (applied above) leaves it out on purpose.
        result.keySet().removeIf(name -> discovered.contains(name) && dev.hygge.Names.problem(name).map(why -> {
            problems.add(list.origin(), "entities: \"*\" of " + where + " found '" + dev.hygge.Names.shown(name) + "', whose name "
                    + why + "; entity names become folder, file and table names: rename it, or add it to exclude: to leave it"
                    + " out");
            return true;
        }).orElse(false));
        if (result.isEmpty() && problems.size() == problemsBefore && list != null
                && (list.isList() || "*".equals(list.scalarValue()))) {
            problems.add(list.origin(), where + " has no entities" + (include.isEmpty() && exclude.isEmpty() ? ""
                    : " left after include/exclude") + "; check the home's folder or schema, or the globs");
        }
        return result;
    }

    private void putEntity(Map<String, YamlNode> entities, String name, YamlNode node, Origin origin, String where) {
        if (name.isBlank()) {
            problems.add(origin, "an entity name of " + where + " is empty");
        } else if (!checkName(name, "entity", where, origin)) {
            return;
        } else if (entities.containsKey(name)) {
            problems.add(origin, "entity '" + name + "' is listed twice in " + where + "; keep one");
        } else {
            entities.put(name, node);
        }
    }

    private List<String> discover(YamlNode home, YamlNode at, String where) {
        if (home == null) {
            return List.of();
        }
        YamlNode resolved = resolvePaths(home);
        String type = typeOf(resolved).orElse("");
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) resolved.toPlain();
        options.remove("type");
        if (type.equals("parquet")) {
            Object path = options.get("path");
            if (!(path instanceof String text)) {
                problems.add(at.origin(), "entities: \"*\" lists the sub-folders of the home's path, but the home of " + where
                        + " has no path");
                return List.of();
            }
            return subfolders(text, at.origin(), where);
        }
        for (EntityLister lister : ServiceLoader.load(EntityLister.class, classLoader())) {
            if (lister.homeType().equalsIgnoreCase(type)) {
                Optional<EntityLister.NamedConnection> connection = Optional.empty();
                YamlNode connectionNode = resolved.get("connection");
                if (connectionNode != null && connectionNode.scalarValue() instanceof String connectionName) {
                    Optional<ConnectionDefinition> definition = connections.stream()
                            .filter(c -> c.name().equals(connectionName)).findFirst();
                    if (definition.isEmpty()) {
                        List<String> defined = connections.stream().map(ConnectionDefinition::name).toList();
                        String hint = Closest.to(connectionName, defined).map(c -> "did you mean '" + c + "'? ").orElse("");
                        problems.add(connectionNode.origin(), "entities: \"*\" lists the tables through connection '"
                                + connectionName + "' of the home of " + where + ", which is not defined; " + hint
                                + (defined.isEmpty() ? "add it under connections: in hygge.yml"
                                        : "defined connections: " + String.join(", ", defined)));
                        return List.of();
                    }
                    PluginSpec spec = definition.get().spec();
                    connection = Optional.of(new EntityLister.NamedConnection(connectionName, spec.type(), spec.options()));
                }
                try {
                    List<String> names = lister.entities(new EntityLister.Source(options, connection));
                    LOG.debug("entities: \"*\" of {} lists {} entities", where, names.size());
                    return names;
                } catch (RuntimeException e) {
                    problems.add(at.origin(), "cannot list the entities of " + where + ": "
                            + new Redactor(reader.substituted()).redact(e.getMessage()), e);
                    return List.of();
                }
            }
        }
        problems.add(at.origin(), "entities: \"*\" can list the entities of a parquet home (its sub-folders), but not yet of a '"
                + type + "' home; list the entities of " + where + " by name: entities: [a, b]");
        return List.of();
    }

    private List<String> subfolders(String path, Origin origin, String where) {
        int at = path.indexOf(ENTITY);
        String folder = at < 0 ? path : path.substring(0, Math.max(0, path.lastIndexOf('/', at)));
        if (folder.contains("*") || folder.contains("?")) {
            problems.add(origin, "entities: \"*\" needs the home of " + where + " to be a folder, not the glob " + folder);
            return List.of();
        }
        Path dir = Path.of(folder);
        if (!Files.isDirectory(dir)) {
            problems.add(origin, "entities: \"*\" lists the sub-folders of " + dir + ", which is not a folder; create it or fix"
                    + " the home's path of " + where);
            return List.of();
        }
        return list(dir, Files::isDirectory).stream().map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith(".") && !n.startsWith("_")).toList();
    }

    /** Normalises a home/store setting: short form, options:-nested form. Null when absent or unusable. */
    private YamlNode pluginNode(YamlNode node, String role, String where, boolean flowLevel) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isScalar()) {
            Object value = node.scalarValue();
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            if (flowLevel) {
                entries.put("type", YamlNode.scalar("parquet", node.origin()));
            }
            entries.put("path", node.with(String.valueOf(value)));
            return YamlNode.map(entries, node.origin());
        }
        if (!node.isMap()) {
            problems.add(node.origin(), role + " of " + where + " is a path or a map of settings (type: ..., ...), not " + node.kind());
            return null;
        }
        YamlNode nested = node.get("options");
        if (nested == null) {
            return node;
        }
        if (!nested.isMap()) {
            problems.add(nested.origin(), role + ".options of " + where + " is a map of settings, not " + nested.kind());
            return node;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
        entries.remove("options");
        nested.entries().forEach((key, value) -> {
            if (entries.containsKey(key)) {
                problems.add(value.origin(), "'" + key + "' is set both in " + role + " and in " + role + ".options of " + where
                        + "; keep the one directly under " + role);
            } else {
                entries.put(key, value);
            }
        });
        String note = nested.origin() + ": settings nested under " + role + ".options: are deprecated; write them directly under "
                + role + ": (" + String.join(", ", nested.entries().keySet()) + ")";
        note(note);
        return YamlNode.map(entries, node.origin());
    }

    /** The resolved spec of a home or store, for one entity or none. */
    private PluginSpec spec(YamlNode node, String role, String where, String entity) {
        Optional<String> type = typeOf(node);
        if (type.isEmpty()) {
            if (node.get("type") == null) {
                problems.add(node.origin(), role + " of " + where + " has no type: add type: (parquet, mssql, duckdb, ...)");
            }
            return null;
        }
        YamlNode resolved = node;
        if (entity != null) {
            if (type.get().equals("parquet")) {
                resolved = parquetEntity(resolved, role, entity);
            }
            resolved = substitute(resolved, entity, type.get().equals("parquet") && role.equals("home"));
        } else {
            checkNoEntity(node, role, where);
        }
        resolved = resolvePaths(resolved);
        YamlNode typeNode = node.get("type");
        return new PluginSpec(type.get(), resolved, typeNode != null ? typeNode.origin() : node.origin());
    }

    /**
     * The parquet plugin keeps entities in {@code path/<entity>/} itself (the Home through its
     * {@code entity} option, the Store from the flow's entity), so a trailing {@code /{entity}} is
     * dropped rather than doubled, and a Home without {@code {entity}} gets the entity option.
     */
    private static YamlNode parquetEntity(YamlNode node, String role, String entity) {
        YamlNode path = node.get("path");
        if (path == null || !(path.scalarValue() instanceof String text)) {
            return node;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
        java.util.regex.Matcher trailing = TRAILING_ENTITY.matcher(text);
        String folder = text;
        if (trailing.matches()) {
            folder = trailing.group(1).isEmpty() ? "." : trailing.group(1);
            entries.put("path", path.with(folder));
        } else if (text.contains(ENTITY)) {
            return node;
        }
        if (role.equals("home") && node.get("entity") == null) {
            if (Globs.has(entity)) {
                // the Home reads a path with * ? [ { as a glob: a folder named sales[2024] is matched
                // literally, and every file below it as the entity folder would be
                entries.put("path", path.with(folder.replaceAll("/+$", "") + "/" + Globs.escape(entity) + "/**"));
            } else {
                entries.put("entity", YamlNode.scalar(entity, node.origin()));
            }
        }
        return YamlNode.map(entries, node.origin());
    }

    private static final java.util.regex.Pattern TRAILING_ENTITY = java.util.regex.Pattern.compile("(.*?)/*\\{entity}/*");

    private Optional<String> typeOf(YamlNode node) {
        YamlNode type = node.get("type");
        if (type == null) {
            return node.get("path") != null ? Optional.of("parquet") : Optional.empty();
        }
        return text(type, "type").map(t -> t.toLowerCase(Locale.ROOT));
    }

    private void checkNoEntity(YamlNode node, String role, String where) {
        if (node.isScalar() && node.scalarValue() instanceof String s && s.contains(ENTITY)) {
            problems.add(node.origin(), "{entity} is used in the " + role + " of " + where + ", which has no entities; add entities:");
        }
        node.entries().values().forEach(child -> checkNoEntity(child, role, where));
        node.items().forEach(child -> checkNoEntity(child, role, where));
    }

    /**
     * Replaces {@code {entity}}; in a parquet Home's {@code path} (a glob when it holds
     * {@code * ? [ {}) the name's glob characters are escaped, so that it means that one folder or file.
     */
    private static YamlNode substitute(YamlNode node, String entity, boolean globPath) {
        if (node.isMap()) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            node.entries().forEach((k, v) -> entries.put(k, globPath && k.equals("path") ? substitute(v, Globs.escape(entity), false)
                    : substitute(v, entity, false)));
            return YamlNode.map(entries, node.origin());
        }
        if (node.isList()) {
            return YamlNode.list(node.items().stream().map(i -> substitute(i, entity, false)).toList(), node.origin());
        }
        if (node.scalarValue() instanceof String s && s.contains(ENTITY)) {
            return node.with(s.replace(ENTITY, entity));
        }
        return node;
    }

    /** Relative paths ({@code path}, {@code *_path}, {@code file}, {@code dir}) become paths under the project folder. */
    private YamlNode resolvePaths(YamlNode node) {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (isPathKey(key) && value.scalarValue() instanceof String s && !s.isBlank()) {
                entries.put(key, value.with(resolvePath(s)));
            } else {
                entries.put(key, value);
            }
        });
        return YamlNode.map(entries, node.origin());
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    private static boolean isPathKey(String key) {
        return key.equals("path") || key.endsWith("_path") || key.equals("file") || key.equals("dir") || key.equals("directory");
    }

    private String resolvePath(String path) {
        if (path.startsWith(":") || SCHEME.matcher(path).lookingAt()) {
            return path;                                   // :memory:, md:db, s3://...: not a local path
        }
        if (path.startsWith("~")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        boolean trailingSlash = path.endsWith("/");
        try {
            Path p = Path.of(path);
            if (p.isAbsolute()) {
                return path;
            }
            String resolved = root.resolve(p).normalize().toString();
            return trailingSlash ? resolved + "/" : resolved;
        } catch (InvalidPathException e) {
            return root + "/" + path;
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * Flow and entity names become folders, files and table names (see {@link dev.hygge.Names}):
     * a name that could reach outside its destination is a problem here, before anything runs.
     *
     * @return whether the name can be used
     */
    private boolean checkName(String name, String kind, String where, Origin origin) {
        Optional<String> why = dev.hygge.Names.problem(name);
        why.ifPresent(reason -> problems.add(origin, kind + " name '" + dev.hygge.Names.shown(name) + "' of " + where + " "
                + reason + "; " + kind + " names become folder, file and table names: rename it (no / or \\, not . or ..,"
                + " no control characters, no leading or trailing spaces)"));
        return why.isEmpty();
    }

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

    private Optional<String> text(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        if (value == null || node.isMap() || node.isList()) {
            problems.add(node.origin(), "'" + key + "' must be text, not " + node.kind());
            return Optional.empty();
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            problems.add(node.origin(), "'" + key + "' is empty; give it a value or remove it");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private Optional<Integer> integer(YamlNode node, String key, int min, int max) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        Long number = null;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof String s) {
            try {
                number = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (number == null) {
            problems.add(node.origin(), "'" + key + "' must be a whole number from " + min + " to " + max + ", not " + node.described());
            return Optional.empty();
        }
        if (number < min || number > max) {
            problems.add(node.origin(), "'" + key + "' is " + number + ", out of range: use a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    private Optional<java.time.Duration> duration(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Optional<java.time.Duration> parsed = Durations.parse(node.scalarValue());
        if (parsed.isEmpty()) {
            problems.add(node.origin(), "'" + key + "' must be " + Durations.FORMS + ", not " + node.described());
        } else if (parsed.get().compareTo(MAX_LOCK_TIMEOUT) > 0) {
            problems.add(node.origin(), "'" + key + "' is " + Durations.shown(parsed.get()) + ", more than the 7 days it may be;"
                    + " plain numbers are seconds (10m is ten minutes)");
            return Optional.empty();
        }
        return parsed;
    }

    private Optional<Boolean> bool(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(s));
        }
        problems.add(node.origin(), "'" + key + "' must be true or false, not " + node.described());
        return Optional.empty();
    }

    private List<String> globs(YamlNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isScalar()) {
            return List.of(String.valueOf(node.scalarValue()));
        }
        List<String> result = new ArrayList<>();
        for (YamlNode item : node.items()) {
            if (item.isScalar() && item.scalarValue() != null) {
                result.add(String.valueOf(item.scalarValue()));
            } else {
                problems.add(item.origin(), "'" + key + "' is a list of globs such as \"dim_*\", not " + item.kind());
            }
        }
        if (node.isMap()) {
            problems.add(node.origin(), "'" + key + "' is a list of globs such as [\"dim_*\"], not a map");
        }
        return result;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        return globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    private List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
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

    private static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ProjectLoader.class.getClassLoader();
    }
}
