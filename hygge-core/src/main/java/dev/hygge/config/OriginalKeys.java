package dev.hygge.config;

import dev.hygge.spi.PluginFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The original hygge's keys (the Python project, v0.6), read so that its configs load as they are
 * and mean what they meant: renamed to this project's key, or accepted and ignored where the
 * original ignored them, each with one deprecation note naming file:line, the old key and the
 * new. The keys of a Home, Store or connection type are the plugin's to name
 * ({@link PluginFactory#originalKeys}); the ones here are the project format's own.
 *
 * <pre>{@code
 * # the original's                              # read as
 * options: {concurrency: 4}                     options: {max_parallel_flows: 4}
 * connections: {db: {pool: {max_size: 6}}}      connections: {db: {pool_size: 6}}
 * store: {type: parquet, batch_size: 50000}     store: {type: parquet, rows_per_file: 50000}   (the plugin's)
 * }</pre>
 */
final class OriginalKeys {
    /** A flow's keys the original accepted whose meaning has no place here, and what to write instead. */
    static final Map<String, String> IGNORED_FLOW_KEYS = Map.of("timeout",
            "(the original's operation timeout); hygge has no flow timeout: set lock_timeout or the Home's and Store's own timeouts");
    /** An entity's keys the original accepted and ignored. */
    static final List<String> IGNORED_ENTITY_KEYS = List.of("columns", "source_config");

    private final Problems problems;
    private final Notes notes;
    private final BiFunction<String, String, Optional<PluginFactory<?>>> factories;
    private final Map<Object, ConnectionDefinition> implicit = new LinkedHashMap<>();
    private boolean entityKeysNoted;

    /** @param factories the factory of a role ({@code home}, {@code store}, {@code connection}) and type, if known */
    OriginalKeys(Problems problems, Notes notes, BiFunction<String, String, Optional<PluginFactory<?>>> factories) {
        this.problems = problems;
        this.notes = notes;
        this.factories = factories;
    }

    /**
     * A Home's, Store's or connection's settings with the keys its factory renamed read as the new
     * ones, and those it ignores left out.
     *
     * @param what what the settings are, for notes ({@code "the store of flow 'crm'"})
     */
    YamlNode plugin(YamlNode node, String role, String type, String what) {
        Optional<PluginFactory<?>> factory = factories.apply(role, type);
        if (factory.isEmpty() || !node.isMap()) {
            return node;
        }
        Map<String, String> renamed = factory.get().originalKeys();
        Map<String, String> ignored = factory.get().ignoredOriginalKeys();
        Map<String, Map<String, Object>> values = factory.get().originalValues();
        if (renamed.keySet().stream().noneMatch(node.entries()::containsKey)
                && ignored.keySet().stream().noneMatch(node.entries()::containsKey)
                && node.entries().entrySet().stream().noneMatch(e -> value(values, e.getKey(), e.getValue()) != null)) {
            return role.equals("connection") ? node : inlineConnection(node, type, factory.get(), what);
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (ignored.containsKey(key)) {
                notes.add(value.origin() + ": '" + key + "' of " + what + " is accepted and ignored " + ignored.get(key));
            } else if (renamed.containsKey(key)) {
                String now = renamed.get(key);
                YamlNode mapped = value(values, now, value);
                if (node.get(now) != null) {
                    problems.add(value.origin(), "'" + key + "' and '" + now + "' of " + what + " are the same setting; keep " + now);
                } else {
                    notes.add(value.origin() + ": '" + key + "' of " + what + " is the original hygge's name; write " + now
                            + (mapped == null ? "" : ": " + mapped.scalarValue() + " (for " + value.scalarValue() + ")"));
                    entries.put(now, mapped != null ? mapped : value);
                }
            } else {
                YamlNode mapped = value(values, key, value);
                if (mapped != null) {
                    notes.add(value.origin() + ": '" + key + ": " + value.scalarValue() + "' of " + what
                            + " is the original hygge's spelling; write " + key + ": " + mapped.scalarValue());
                }
                entries.put(key, mapped != null ? mapped : value);
            }
        });
        YamlNode renamedNode = YamlNode.map(entries, node.origin());
        return role.equals("connection") ? renamedNode : inlineConnection(renamedNode, type, factory.get(), what);
    }

    /** {@code value} as this project spells it, when it is one of the original's spellings of {@code key}; else null. */
    private static YamlNode value(Map<String, Map<String, Object>> values, String key, YamlNode value) {
        Map<String, Object> spellings = values.get(key);
        if (spellings == null || value == null || !value.isScalar() || !(value.scalarValue() instanceof String text)) {
            return null;
        }
        Object now = spellings.get(text.strip().toLowerCase(java.util.Locale.ROOT));
        return now == null ? null : YamlNode.scalar(now, value.origin());
    }

    /**
     * A Home or Store that writes its connection's settings inline ({@code store: {type: mssql,
     * server: db, database: dw, table: t}}, as the original allowed), given an implicit connection
     * of its type instead: the settings that are its connection type's and not its own are moved to
     * it, and the Home or Store names it. Homes and Stores with the same inline settings share one.
     */
    private YamlNode inlineConnection(YamlNode node, String type, PluginFactory<?> factory, String what) {
        java.util.Set<String> own = OptionKeys.of(factory.optionsType());
        Optional<PluginFactory<?>> connectionFactory = factories.apply("connection", type);
        if (!own.contains("connection") || node.get("connection") != null || connectionFactory.isEmpty()) {
            return node;
        }
        java.util.Set<String> connectionKeys = new java.util.HashSet<>(OptionKeys.of(connectionFactory.get().optionsType()));
        connectionKeys.addAll(connectionFactory.get().originalKeys().keySet());     // the original's names of them too
        java.util.Set<String> ignoredThere = connectionFactory.get().ignoredOriginalKeys().keySet();
        connectionKeys.addAll(ignoredThere);
        Map<String, YamlNode> moved = new LinkedHashMap<>();
        Map<String, YamlNode> kept = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> (connectionKeys.contains(key) && !own.contains(key) ? moved : kept).put(key, value));
        if (ignoredThere.containsAll(moved.keySet())) {
            return node;                // nothing of a connection but keys it ignores: not a connection written inline
        }
        YamlNode typeNode = node.get("type");
        Map<String, YamlNode> settings = new LinkedHashMap<>();
        settings.put("type", typeNode != null ? typeNode : YamlNode.scalar(type, node.origin()));
        settings.putAll(moved);
        YamlNode connection = plugin(YamlNode.map(settings, node.origin()), "connection", type, what);
        Object identity = connection.toPlain();
        ConnectionDefinition definition = implicit.computeIfAbsent(identity, k -> new ConnectionDefinition(
                type + "_" + (implicit.size() + 1), new PluginSpec(type, connection, settings.get("type").origin())));
        notes.add(moved.values().iterator().next().origin() + ": " + String.join(", ", moved.keySet()) + " of " + what
                + " are a connection's settings, written inline as the original allowed; write them under connections: {"
                + definition.name() + ": {type: " + type + ", ...}} and connection: " + definition.name());
        kept.put("connection", YamlNode.scalar(definition.name(), node.origin()));
        return YamlNode.map(kept, node.origin());
    }

    /** The connections made for Homes and Stores that wrote theirs inline, in the order first met. */
    List<ConnectionDefinition> implicitConnections() {
        return List.copyOf(implicit.values());
    }

    /** A connection's settings: its {@code pool: {min_size, max_size}} read as {@code pool_size}, then its type's own keys. */
    YamlNode connection(YamlNode settings, String name, String type) {
        YamlNode pool = settings.get("pool");
        YamlNode node = settings;
        if (pool != null && pool.isMap()) {
            Map<String, YamlNode> entries = new LinkedHashMap<>(settings.entries());
            entries.remove("pool");
            YamlNode max = pool.get("max_size");
            String what = "connection '" + name + "'";
            if (settings.get("pool_size") != null) {
                problems.add(pool.origin(), "'pool' and 'pool_size' of " + what + " are the same setting; keep pool_size");
            } else if (max == null || !(max.scalarValue() instanceof Number)) {
                problems.add(pool.origin(), "'pool' of " + what + " is the original hygge's; write pool_size: N (the most"
                        + " connections open at once)");
            } else {
                notes.add(pool.origin() + ": 'pool: {min_size, max_size}' of " + what + " is the original hygge's; write pool_size: "
                        + max.scalarValue() + " (connections are opened as needed up to it; min_size is not kept)");
                entries.put("pool_size", max);
            }
            node = YamlNode.map(entries, settings.origin());
        }
        return plugin(node, "connection", type, "connection '" + name + "'");
    }

    /** A flow's settings without the keys the original accepted and hygge ignores, each noted. */
    YamlNode flow(YamlNode flow, String where) {
        if (IGNORED_FLOW_KEYS.keySet().stream().noneMatch(flow.entries()::containsKey)) {
            return flow;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(flow.entries());
        IGNORED_FLOW_KEYS.forEach((key, why) -> {
            YamlNode value = entries.remove(key);
            if (value != null) {
                notes.add(value.origin() + ": '" + key + "' of " + where + " is accepted and ignored " + why);
            }
        });
        return YamlNode.map(entries, flow.origin());
    }

    /** An entity's settings without {@code columns} and {@code source_config}, noted once per project. */
    YamlNode entity(YamlNode entity) {
        if (IGNORED_ENTITY_KEYS.stream().noneMatch(entity.entries()::containsKey)) {
            return entity;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(entity.entries());
        Origin first = null;
        for (String key : IGNORED_ENTITY_KEYS) {
            YamlNode value = entries.remove(key);
            first = first == null && value != null ? value.origin() : first;
        }
        if (!entityKeysNoted) {
            entityKeysNoted = true;
            notes.add(first + ": 'columns' and 'source_config' of an entity are accepted and ignored, as the original ignored them;"
                    + " to read some columns, write them in the Home (home: {columns: [...]}) or its query");
        }
        return YamlNode.map(entries, entity.origin());
    }
}
