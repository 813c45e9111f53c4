package dev.hygge.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The original hygge's layout, read with a deprecation note: {@code max_parallel_entities}, a
 * flow's {@code defaults:}, and Home/Store settings written under a flow's or entity's
 * {@code options:}, each moved to where this project format writes it.
 *
 * <pre>{@code
 * # the original's                       # read as
 * options: {max_parallel_entities: 4}    options: {max_parallel_flows: 4}
 * defaults: {compression: zstd}          store: {compression: zstd, ...}
 * options: {batch_size: 5000}            home: {batch_size: 5000, ...}   (whichever has the key)
 * }</pre>
 */
final class LegacyLayout {
    /** The original's {@code key_column}, which its {@code hygge init} wrote under {@code defaults:} and no parquet Home or Store read. */
    private static final String KEY_COLUMN = "key_column";

    private final Problems problems;
    private final Notes notes;
    private final KnownPlugins plugins;
    private final PluginNodes nodes;

    LegacyLayout(Problems problems, Notes notes, KnownPlugins plugins, PluginNodes nodes) {
        this.problems = problems;
        this.notes = notes;
        this.plugins = plugins;
        this.nodes = nodes;
    }

    /**
     * A project's {@code options:} with the original's {@code max_parallel_entities} and
     * {@code concurrency} read as {@code max_parallel_flows}, and its {@code log_level} accepted
     * and ignored.
     */
    YamlNode projectOptions(YamlNode node) {
        Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries());
        for (String old : List.of("max_parallel_entities", "concurrency")) {
            YamlNode legacy = entries.remove(old);
            if (legacy == null) {
                continue;
            }
            if (entries.putIfAbsent("max_parallel_flows", legacy) == null) {
                notes.add(legacy.origin() + ": '" + old + "' is the original hygge's name; write max_parallel_flows");
            } else {
                problems.add(legacy.origin(), "'" + old + "' and 'max_parallel_flows' are the same setting; keep max_parallel_flows");
            }
        }
        YamlNode logLevel = entries.remove("log_level");
        if (logLevel != null) {
            notes.add(logLevel.origin() + ": 'log_level' is accepted and ignored (the original's logging level); use --verbose for"
                    + " more output");
        }
        return entries.equals(node.entries()) ? node : YamlNode.map(entries, node.origin());
    }

    /** A flow without its {@code defaults:}, which {@link #defaults} reads. */
    static YamlNode withoutDefaults(YamlNode flow) {
        Map<String, YamlNode> entries = new LinkedHashMap<>(flow.entries());
        entries.remove("defaults");
        return YamlNode.map(entries, flow.origin());
    }

    /** A flow's {@code defaults:} (Home/Store settings the original merged into each entity), added to {@code legacy}. */
    void defaults(YamlNode flow, String where, Map<String, YamlNode> legacy) {
        YamlNode flowDefaults = flow.get("defaults");
        if (flowDefaults != null && flowDefaults.isMap()) {
            notes.add(flowDefaults.origin() + ": 'defaults:' is the original hygge's layout; write home and store settings under home:"
                    + " and store:");
            flowDefaults.entries().forEach(legacy::putIfAbsent);
        } else if (flowDefaults != null && !flowDefaults.isNull()) {
            problems.add(flowDefaults.origin(), "'defaults' of " + where + " is a map of home/store settings, not " + flowDefaults.kind());
        }
    }

    /**
     * Moves Home/Store settings written under {@code options:} or {@code defaults:} to the Store or
     * Home whose options class has that key, with a deprecation note. A key set directly under
     * home:/store: wins. Without the plugins to ask, or for a key neither has, the key is reported
     * as unknown.
     *
     * @param home the Home whose type decides (merged)
     * @param store the Store whose type decides (merged)
     * @param homeTarget the settings the keys are added to (the flow's, or the entity's own)
     * @param storeTarget likewise for the Store
     * @return {@code [homeTarget, storeTarget]} with the keys added
     */
    YamlNode[] route(Map<String, YamlNode> legacy, YamlNode home, YamlNode store, YamlNode homeTarget, YamlNode storeTarget,
                     String where) {
        Set<String> storeKeys = plugins.optionKeys(nodes.typeOf(store), false);
        Set<String> homeKeys = plugins.optionKeys(nodes.typeOf(home), true);
        Map<String, YamlNode> homeEntries = new LinkedHashMap<>(homeTarget.entries());
        Map<String, YamlNode> storeEntries = new LinkedHashMap<>(storeTarget.entries());
        List<String> moved = new ArrayList<>();
        Origin first = null;
        for (Map.Entry<String, YamlNode> e : legacy.entrySet()) {
            String key = e.getKey();
            Map<String, YamlNode> target = storeKeys.contains(key) ? storeEntries : homeKeys.contains(key) ? homeEntries : null;
            if (target == null && key.equals(KEY_COLUMN)) {
                notes.add(e.getValue().origin() + ": 'key_column' of " + where + " is accepted and ignored, as the original ignored it"
                        + " here (its hygge init wrote it); neither the Home nor the Store reads it: a merge's key is watermark:"
                        + " {primary_key: ...}");
                continue;
            }
            if (target == null) {
                Set<String> valid = new LinkedHashSet<>(Shapes.keys(Shapes.FlowOptionsShape.class));
                storeKeys.stream().filter(k -> !k.equals("type")).sorted().forEach(valid::add);
                homeKeys.stream().filter(k -> !k.equals("type")).sorted().forEach(valid::add);
                problems.add(e.getValue().origin(), Closest.unknownKey("options of " + where, key, valid)
                        + (plugins.given() ? "" : "; Home and Store settings belong under home: and store:"));
                continue;
            }
            target.putIfAbsent(key, e.getValue());
            moved.add((target == storeEntries ? "store." : "home.") + key);
            first = first == null ? e.getValue().origin() : first;
        }
        if (!moved.isEmpty()) {
            notes.add(first + ": Home/Store settings under options:/defaults: are the original hygge's layout; write them under home:"
                    + " and store: (" + String.join(", ", moved) + ")");
        }
        return new YamlNode[] {YamlNode.map(homeEntries, homeTarget.origin()), YamlNode.map(storeEntries, storeTarget.origin())};
    }
}
