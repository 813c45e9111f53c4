package dev.hygge.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entities of a flow: named in {@code entities:}, given by entity files, or listed by the Home
 * for {@code entities: "*"} through the {@link EntityLister} of its type (a file Home's sub-folders,
 * a SQL Home's tables), narrowed by {@code include:}/{@code exclude:}; every name checked against
 * the rules of {@link dev.hygge.spi.Names} before it becomes a path or a table.
 */
final class EntityList {
    private static final Logger LOG = LoggerFactory.getLogger(EntityList.class);

    private final Problems problems;
    private final Scalars scalars;
    private final PluginNodes nodes;
    private final Supplier<List<ConnectionDefinition>> connections;
    private final UnaryOperator<String> redact;

    EntityList(Problems problems, Scalars scalars, PluginNodes nodes, Supplier<List<ConnectionDefinition>> connections,
               UnaryOperator<String> redact) {
        this.problems = problems;
        this.scalars = scalars;
        this.nodes = nodes;
        this.connections = connections;
        this.redact = redact;
    }

    /**
     * The entities of a flow, by name, each with its own settings node (null when it only has a
     * name); null when the flow has no entities.
     */
    Map<String, YamlNode> entities(YamlNode flow, List<YamlNode> entityFiles, YamlNode home, String where) {
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
                    ? Optional.of(String.valueOf(nameNode.scalarValue())) : scalars.text(nameNode, "name");
            if (name.isEmpty() || !checkName(name.get(), "entity", where, nameNode.origin())) {
                continue;
            }
            YamlNode inline = result.get(name.get());
            result.put(name.get(), inline == null ? entityFile : YamlNode.mergeMaps(inline, entityFile));
            declared = true;
        }
        List<String> include = scalars.globs(flow.get("include"), "include");
        List<String> exclude = scalars.globs(flow.get("exclude"), "exclude");
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
                Path p;
                try {
                    p = Path.of(name);
                } catch (java.nio.file.InvalidPathException e) {
                    return false;                          // no glob can match it: kept, and reported below
                }
                return (!in.isEmpty() && in.stream().noneMatch(m -> m.matches(p))) || out.stream().anyMatch(m -> m.matches(p));
            });
        }
        // A listed name that cannot be an entity is an error, not a skip: its rows would be missing
        // from the Store while the run reports success. exclude: (applied above) leaves it out on purpose.
        result.keySet().removeIf(name -> discovered.contains(name) && dev.hygge.spi.Names.problem(name).map(why -> {
            problems.add(list.origin(), "entities: \"*\" of " + where + " found '" + dev.hygge.spi.Names.shown(name) + "', whose name "
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
        YamlNode resolved = nodes.resolvePaths(home);
        String type = nodes.typeOf(resolved).orElse("");
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) resolved.toPlain();
        options.remove("type");
        for (EntityLister lister : ServiceLoader.load(EntityLister.class, KnownPlugins.classLoader())) {
            if (lister.homeType().equalsIgnoreCase(type)) {
                Optional<EntityLister.NamedConnection> connection = Optional.empty();
                YamlNode connectionNode = resolved.get("connection");
                if (connectionNode != null && connectionNode.scalarValue() instanceof String connectionName) {
                    Optional<ConnectionDefinition> definition = connections.get().stream()
                            .filter(c -> c.name().equals(connectionName)).findFirst();
                    if (definition.isEmpty()) {
                        List<String> defined = connections.get().stream().map(ConnectionDefinition::name).toList();
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
                            + redact.apply(e.getMessage()), e);
                    return List.of();
                }
            }
        }
        problems.add(at.origin(), "entities: \"*\" needs a plugin that lists the entities of a '" + type + "' home, and none is"
                + " installed; list the entities of " + where + " by name: entities: [a, b]");
        return List.of();
    }

    /**
     * Flow and entity names become folders, files and table names (see {@link dev.hygge.spi.Names}):
     * a name that could reach outside its destination is a problem here, before anything runs.
     *
     * @return whether the name can be used
     */
    boolean checkName(String name, String kind, String where, Origin origin) {
        Optional<String> why = dev.hygge.spi.Names.problem(name);
        why.ifPresent(reason -> problems.add(origin, kind + " name '" + dev.hygge.spi.Names.shown(name) + "' of " + where + " "
                + reason + "; " + kind + " names become folder, file and table names: rename it (no / or \\, not . or ..,"
                + " no control characters, no leading or trailing spaces)"));
        return why.isEmpty();
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        return globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }
}
