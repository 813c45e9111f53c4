package dev.hygge.config;

import dev.hygge.spi.SupportsEntities;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Turns a {@code home:} or {@code store:} setting into a {@link PluginSpec}: the short forms
 * ({@code home: landing/x.parquet}), the original hygge's nested {@code options:}, the factory's own
 * entity rules ({@link SupportsEntities}) applied, then {@code {entity}} replaced, and relative paths
 * resolved against the project folder.
 */
final class PluginNodes {
    /**
     * The type of a bare path ({@code home: landing/x.parquet}, {@code store: lake/}, or a map with
     * a path and no type): the file type the project format promises for its short forms. It is a
     * rule of the YAML format, not asked of the plugins, so that a short form means the same
     * whatever jars are on the class path; which plugin serves the type is found like any other.
     */
    static final String PATH_TYPE = "parquet";
    /** The placeholder replaced by the entity's name in a Home's or Store's settings. */
    static final String ENTITY = "{entity}";

    private final Path root;
    private final Problems problems;
    private final Scalars scalars;
    private final Consumer<String> note;
    private final BiFunction<String, String, Optional<SupportsEntities>> entityRules;
    private final OriginalKeys original;

    /**
     * @param entityRules the entity rules of the factory of a role ({@code home}, {@code store}) and
     *     type, if it has any
     * @param original reads the original hygge's keys of a Home or Store type
     */
    PluginNodes(Path root, Problems problems, Scalars scalars, Consumer<String> note,
                BiFunction<String, String, Optional<SupportsEntities>> entityRules, OriginalKeys original) {
        this.original = original;
        this.root = root;
        this.problems = problems;
        this.scalars = scalars;
        this.note = note;
        this.entityRules = entityRules;
    }

    /** The project's folder. */
    Path root() {
        return root;
    }

    /** Normalises a home/store setting: short form, options:-nested form. Null when absent or unusable. */
    YamlNode pluginNode(YamlNode node, String role, String where, boolean flowLevel) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isScalar()) {
            Object value = node.scalarValue();
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            if (flowLevel) {
                entries.put("type", YamlNode.scalar(PATH_TYPE, node.origin()));
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
        note.accept(nested.origin() + ": settings nested under " + role + ".options: are deprecated; write them directly under "
                + role + ": (" + String.join(", ", nested.entries().keySet()) + ")");
        return YamlNode.map(entries, node.origin());
    }

    /** The resolved spec of a home or store, for one entity or none. */
    PluginSpec spec(YamlNode node, String role, String where, String entity) {
        return spec(node, role, where, entity, true);
    }

    /**
     * As {@link #spec(YamlNode, String, String, String)}.
     *
     * @param entityRules whether the factory's entity rules apply: not to an entity that named its
     *     own path, which is where it is (the rules place entities under the flow's path)
     */
    PluginSpec spec(YamlNode node, String role, String where, String entity, boolean entityRules) {
        Optional<String> type = typeOf(node);
        if (type.isEmpty()) {
            if (node.get("type") == null) {
                problems.add(node.origin(), role + " of " + where + " has no type: add type: (parquet, mssql, duckdb, ...)");
            }
            return null;
        }
        if (CloudStoreTypes.handles(role, type.get())) {
            node = CloudStoreTypes.asParquet(node, type.get(), where, problems, note);
            type = Optional.of(PATH_TYPE);
        }
        YamlNode resolved = original.plugin(node, role, type.get(), "the " + role + " of " + where);
        if (entity != null) {
            Optional<SupportsEntities> rules = entityRules ? this.entityRules.apply(role, type.get()) : Optional.empty();
            if (rules.isPresent()) {
                resolved = forEntity(resolved, rules.get(), entity);
            }
            resolved = substitute(resolved, entity);
        } else {
            checkNoEntity(node, role, where);
        }
        resolved = resolvePaths(resolved);
        YamlNode typeNode = node.get("type");
        return new PluginSpec(type.get(), resolved, typeNode != null ? typeNode.origin() : node.origin());
    }

    /**
     * The factory's own entity rules ({@link SupportsEntities}) over the node's settings. A setting
     * the rules leave as it was keeps its node (file, line, the variables it came from); a changed
     * one keeps its line; an added one gets the line of the home or store.
     */
    private static YamlNode forEntity(YamlNode node, SupportsEntities rules, String entity) {
        Map<String, Object> options = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> options.put(key, value.toPlain()));
        YamlNode type = node.get("type");
        options.remove("type");
        Map<String, Object> own = rules.forEntity(Collections.unmodifiableMap(options), entity);
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        if (type != null) {
            entries.put("type", type);
        }
        own.forEach((key, value) -> {
            YamlNode before = node.get(key);
            if (before != null && Objects.equals(before.toPlain(), value)) {
                entries.put(key, before);
            } else if (value instanceof Map || value instanceof java.util.Collection) {
                throw new IllegalStateException(rules.getClass().getName() + ".forEntity set '" + key
                        + "' to a map or list; it may set text, numbers or booleans only");
            } else if (before != null && before.isScalar() && value instanceof String text) {
                entries.put(key, before.with(text));
            } else {
                entries.put(key, YamlNode.scalar(value, before != null ? before.origin() : node.origin()));
            }
        });
        return YamlNode.map(entries, node.origin());
    }

    Optional<String> typeOf(YamlNode node) {
        YamlNode type = node.get("type");
        if (type == null) {
            return node.get("path") != null ? Optional.of(PATH_TYPE) : Optional.empty();
        }
        return scalars.text(type, "type").map(t -> t.toLowerCase(Locale.ROOT));
    }

    private void checkNoEntity(YamlNode node, String role, String where) {
        if (node.isScalar() && node.scalarValue() instanceof String s && s.contains(ENTITY)) {
            problems.add(node.origin(), "{entity} is used in the " + role + " of " + where + ", which has no entities; add entities:");
        }
        node.entries().values().forEach(child -> checkNoEntity(child, role, where));
        node.items().forEach(child -> checkNoEntity(child, role, where));
    }

    /**
     * Replaces {@code {entity}} left after the factory's own rules (which escape the name where a
     * setting reads it as a pattern).
     */
    private static YamlNode substitute(YamlNode node, String entity) {
        if (node.isMap()) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            node.entries().forEach((k, v) -> entries.put(k, substitute(v, entity)));
            return YamlNode.map(entries, node.origin());
        }
        if (node.isList()) {
            return YamlNode.list(node.items().stream().map(i -> substitute(i, entity)).toList(), node.origin());
        }
        if (node.scalarValue() instanceof String s && s.contains(ENTITY)) {
            return node.with(s.replace(ENTITY, entity));
        }
        return node;
    }

    /** Relative paths ({@code path}, {@code *_path}, {@code file}, {@code dir}) become paths under the project folder. */
    YamlNode resolvePaths(YamlNode node) {
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

    /** Whether a path setting is relative to a folder: not absolute, not {@code ~}, not a URL or {@code :memory:}. */
    static boolean isRelativePath(String path) {
        if (path.isBlank() || path.startsWith(":") || path.startsWith("~") || path.startsWith("/") || SCHEME.matcher(path).lookingAt()) {
            return false;
        }
        try {
            return !Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return true;
        }
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
}
