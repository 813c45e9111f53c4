package dev.hygge.config;

import dev.hygge.spi.FlowLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One flow's settings expanded into its {@link FlowDefinition}s: the flow itself, or one per
 * entity, each entity's own settings over the flow's over the project's defaults.
 */
final class FlowExpander {
    private final Problems problems;
    private final Scalars scalars;
    private final PluginNodes nodes;
    private final EntityList entityList;
    private final LegacyLayout legacyLayout;
    private final java.util.function.BiFunction<String, String, List<java.util.Set<String>>> alternatives;
    private final RunSettingsReader run;
    private final OriginalKeys original;
    private YamlNode projectJournal;
    private final PolishReader polishReader;

    /** @param alternatives the keys of a Home or Store type that exclude each other, by role and type */
    FlowExpander(Problems problems, Scalars scalars, PluginNodes nodes, EntityList entityList, LegacyLayout legacyLayout,
                 java.util.function.BiFunction<String, String, List<java.util.Set<String>>> alternatives, RunSettingsReader run,
                 OriginalKeys original) {
        this.original = original;
        this.polishReader = new PolishReader(problems);
        this.alternatives = alternatives;
        this.run = run;
        this.problems = problems;
        this.scalars = scalars;
        this.nodes = nodes;
        this.entityList = entityList;
        this.legacyLayout = legacyLayout;
    }

    /** The project's {@code journal:}, which every flow inherits; null when it has none. */
    void projectJournal(YamlNode journal) {
        this.projectJournal = journal;
    }

    /** The engine settings a flow or entity may set under {@code options:} (and how it runs), over those it inherits. */
    record EngineSettings(int queueSize, int parallelism, Duration lockTimeout, RunSettingsReader.Level run) {
        static EngineSettings of(ProjectOptions project, Origin origin, YamlNode journal) {
            return new EngineSettings(project.queueSize(), project.parallelism(), project.lockTimeout(),
                    RunSettingsReader.Level.of(project, origin, journal));
        }

        EngineSettings with(RunSettingsReader.Level level) {
            return new EngineSettings(queueSize, parallelism, lockTimeout, level);
        }
    }

    /**
     * The definitions of one flow.
     *
     * @param node the flow's settings (under {@code flows:}, or its {@code flow.yml}); null when empty
     * @param entityFiles its {@code entities/*.yml}, each a map with a name
     * @param origin where to report a flow with no settings at all
     */
    List<FlowDefinition> expand(String name, YamlNode node, List<YamlNode> entityFiles, ProjectOptions defaults, Origin origin) {
        String where = "flow '" + name + "'";
        if (node == null || !node.isMap()) {
            problems.add(node != null ? node.origin() : origin,
                    where + " is a map of settings (home, store, entities, options), not " + (node == null ? "empty" : node.kind()));
            return List.of();
        }
        node = original.flow(node, where);
        ShapeBinder.bind(LegacyLayout.withoutDefaults(node), Shapes.FlowShape.class, where, problems);
        YamlNode home = nodes.pluginNode(node.get("home"), "home", where, true);
        YamlNode store = nodes.pluginNode(node.get("store"), "store", where, true);
        if (node.get("home") == null) {
            problems.add(node.origin(), where + " has no home: add home: <path> or home: {type: ..., ...}");
        }
        if (node.get("store") == null) {
            problems.add(node.origin(), where + " has no store: add store: <path> or store: {type: ..., ...}");
        }
        Map<String, YamlNode> legacy = new LinkedHashMap<>();
        EngineSettings settings = engineSettings(node.get("options"), where, EngineSettings.of(defaults, node.origin(), projectJournal),
                legacy);
        settings = settings.with(run.level(node, where, settings.run(), RunSettingsReader.setsRunType(node.get("options"))));
        legacyLayout.defaults(node, where, legacy);
        if (home != null && store != null && !legacy.isEmpty()) {
            YamlNode[] routed = legacyLayout.route(legacy, home, store, home, store, where);
            home = routed[0];
            store = routed[1];
        }

        Map<String, YamlNode> entities = entityList.entities(node, entityFiles, home, where);
        if (home == null || store == null) {
            return List.of();
        }
        if (entities == null) {
            return definition(name, null, home, store, settings, node.origin(), where, true).stream().toList();
        }
        List<FlowDefinition> result = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entity : entities.entrySet()) {
            result.addAll(entity(name, entity.getKey(), entity.getValue(), home, store, settings, node, where));
        }
        return result;
    }

    /** One entity's definition: its own home, store and options (however written) over the flow's. */
    private List<FlowDefinition> entity(String flow, String entity, YamlNode entityNode, YamlNode flowHome, YamlNode flowStore,
                                        EngineSettings flowSettings, YamlNode flowNode, String where) {
        if (entityNode == null) {
            return definition(flow, entity, flowHome, flowStore, flowSettings, flowNode.origin(), where, true).stream().toList();
        }
        String entityWhere = "entity '" + entity + "' of " + where;
        entityNode = original.entity(entityNode);
        ShapeBinder.bind(entityNode, Shapes.EntityShape.class, entityWhere, problems);
        YamlNode ownHome = nodes.pluginNode(entityNode.get("home"), "home", entityWhere, false);
        boolean ownPath = ownHome != null && ownHome.get("path") != null;
        ownHome = underFlowPath(flowHome, ownHome);
        YamlNode ownStore = nodes.pluginNode(entityNode.get("store"), "store", entityWhere, false);
        Map<String, YamlNode> legacy = new LinkedHashMap<>();
        EngineSettings settings = engineSettings(entityNode.get("options"), entityWhere, flowSettings, legacy);
        settings = settings.with(run.level(entityNode, entityWhere, settings.run(),
                RunSettingsReader.setsRunType(entityNode.get("options"))));
        if (!legacy.isEmpty()) {
            YamlNode empty = YamlNode.map(Map.of(), entityNode.origin());
            YamlNode[] routed = legacyLayout.route(legacy, over(flowHome, ownHome, "home"), over(flowStore, ownStore, "store"),
                    ownHome != null ? ownHome : empty, ownStore != null ? ownStore : empty, entityWhere);
            ownHome = routed[0];
            ownStore = routed[1];
        }
        return definition(flow, entity, over(flowHome, ownHome, "home"), over(flowStore, ownStore, "store"), settings,
                entityNode.origin(), where, !ownPath).stream().toList();
    }

    /**
     * An entity's own Home with its relative {@code path} under the flow's Home path, as the
     * original hygge read it ({@code home: {path: accounts}} under {@code data/source/} is
     * {@code data/source/accounts}); an absolute path, or a flow Home without a path, leaves it as
     * written.
     */
    private static YamlNode underFlowPath(YamlNode flowHome, YamlNode ownHome) {
        YamlNode own = ownHome != null ? ownHome.get("path") : null;
        YamlNode flows = flowHome != null ? flowHome.get("path") : null;
        if (own == null || flows == null || !(own.scalarValue() instanceof String path) || !(flows.scalarValue() instanceof String base)
                || !PluginNodes.isRelativePath(path) || base.isBlank()) {
            return ownHome;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(ownHome.entries());
        entries.put("path", own.with(base.replaceAll("/+$", "") + "/" + path));
        return YamlNode.map(entries, ownHome.origin());
    }

    /**
     * An entity's Home or Store settings over its flow's. A key the entity sets drops the flow's keys
     * that exclude it ({@link dev.hygge.spi.PluginFactory#alternatives}: an entity's {@code query}
     * replaces the flow's {@code table}).
     */
    private YamlNode over(YamlNode flow, YamlNode own, String role) {
        YamlNode merged = YamlNode.merge(flow, own);
        if (flow == null || own == null || !flow.isMap() || !own.isMap() || merged.get("type") == null
                || !(merged.get("type").scalarValue() instanceof String type)) {
            return merged;
        }
        Map<String, YamlNode> inherited = new LinkedHashMap<>(flow.entries());
        for (java.util.Set<String> group : alternatives.apply(role, type)) {
            if (group.stream().anyMatch(own.entries()::containsKey)) {
                group.stream().filter(key -> !own.entries().containsKey(key)).forEach(inherited::remove);
            }
        }
        return inherited.size() == flow.entries().size() ? merged : YamlNode.merge(YamlNode.map(inherited, flow.origin()), own);
    }

    /** @param homeRules whether the Home factory's entity rules apply ({@link PluginNodes#spec(YamlNode, String, String, String, boolean)}) */
    private Optional<FlowDefinition> definition(String flow, String entity, YamlNode home, YamlNode store,
                                                EngineSettings settings, Origin origin, String where, boolean homeRules) {
        RunSettings runSettings = run.resolve(settings.run(), home, store, where);
        PluginSpec homeSpec = nodes.spec(home, "home", where, entity, homeRules);
        PluginSpec storeSpec = nodes.spec(PolishReader.withoutPolish(RunSettingsReader.withoutIncremental(store)), "store", where,
                entity);
        Optional<dev.hygge.polish.Polish> polish = polishReader.read(store, where);
        if (homeSpec == null || storeSpec == null) {
            return Optional.empty();
        }
        return Optional.of(new FlowDefinition(flow, Optional.ofNullable(entity), homeSpec, storeSpec, settings.parallelism(),
                settings.queueSize(), origin, settings.lockTimeout(), runSettings, polish));
    }

    /**
     * queue_size, parallelism and lock_timeout of a flow or entity, each over {@code inherited}.
     * Other keys go to {@code legacy}: the original hygge kept Home/Store settings there.
     */
    private EngineSettings engineSettings(YamlNode node, String where, EngineSettings inherited, Map<String, YamlNode> legacy) {
        if (node == null || node.isNull()) {
            return inherited;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), "options of " + where + " are a map (" + String.join(", ",
                    Shapes.keys(Shapes.FlowOptionsShape.class)) + "), not " + node.kind());
            return inherited;
        }
        ShapeBinder.Bound<Shapes.FlowOptionsShape> bound = ShapeBinder.bind(node, Shapes.FlowOptionsShape.class, legacy::put);
        Shapes.FlowOptionsShape shape = bound.shape();
        return new EngineSettings(
                scalars.whole(bound, shape.queueSize(), FlowLimits.QUEUE_SIZE).orElse(inherited.queueSize()),
                scalars.whole(bound, shape.parallelism(), FlowLimits.PARALLELISM).orElse(inherited.parallelism()),
                scalars.lockTimeout(bound.at("lock_timeout")).orElse(inherited.lockTimeout()),
                run.options(bound, shape.retries(), node, where, inherited.run()));
    }
}
