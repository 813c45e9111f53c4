package dev.hygge.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a {@code home:} or {@code store:} setting into a {@link PluginSpec}: the short forms
 * ({@code home: landing/x.parquet}), the original hygge's nested {@code options:}, {@code {entity}}
 * replaced (escaped where a parquet Home reads a glob), and relative paths resolved against the
 * project folder.
 */
final class PluginNodes {
    private final Path root;
    private final Problems problems;
    private final Scalars scalars;
    private final Consumer<String> note;

    PluginNodes(Path root, Problems problems, Scalars scalars, Consumer<String> note) {
        this.root = root;
        this.problems = problems;
        this.scalars = scalars;
        this.note = note;
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
        note.accept(nested.origin() + ": settings nested under " + role + ".options: are deprecated; write them directly under "
                + role + ": (" + String.join(", ", nested.entries().keySet()) + ")");
        return YamlNode.map(entries, node.origin());
    }

    /** The resolved spec of a home or store, for one entity or none. */
    PluginSpec spec(YamlNode node, String role, String where, String entity) {
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
        } else if (text.contains(ProjectLoader.ENTITY)) {
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

    Optional<String> typeOf(YamlNode node) {
        YamlNode type = node.get("type");
        if (type == null) {
            return node.get("path") != null ? Optional.of("parquet") : Optional.empty();
        }
        return scalars.text(type, "type").map(t -> t.toLowerCase(Locale.ROOT));
    }

    private void checkNoEntity(YamlNode node, String role, String where) {
        if (node.isScalar() && node.scalarValue() instanceof String s && s.contains(ProjectLoader.ENTITY)) {
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
        if (node.scalarValue() instanceof String s && s.contains(ProjectLoader.ENTITY)) {
            return node.with(s.replace(ProjectLoader.ENTITY, entity));
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
