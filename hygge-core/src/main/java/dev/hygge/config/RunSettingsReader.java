package dev.hygge.config;

import dev.hygge.spi.FlowLimits;
import dev.hygge.spi.Watermark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads how a project's flows run: {@code run_type} (and the original's {@code full_drop}) at the
 * project's {@code options:}, a flow and an entity; {@code retries} and {@code retry_delay} under
 * {@code options:}; {@code watermark:} and {@code journal:} of a flow or entity (and {@code journal:}
 * of the project); a Store's own {@code incremental:}. Each level is read over the one it inherits
 * ({@link Level}) and resolved per definition ({@link #resolve}) with every problem at its line.
 */
final class RunSettingsReader {
    static final String JOURNAL_FILE = "journal.parquet";

    private final Problems problems;
    private final Scalars scalars;
    private final Notes notes;
    private final PluginNodes nodes;

    RunSettingsReader(Problems problems, Scalars scalars, Notes notes, PluginNodes nodes) {
        this.problems = problems;
        this.scalars = scalars;
        this.notes = notes;
        this.nodes = nodes;
    }

    /**
     * What a flow or entity inherits: its run type (and where it was set), retries, and the
     * {@code watermark:} and {@code journal:} maps, merged key by key, entity over flow over project.
     */
    record Level(boolean incremental, Origin runTypeOrigin, int retries, Duration retryDelay, YamlNode watermark,
                 YamlNode journal) {
        static Level of(ProjectOptions options, Origin origin, YamlNode journal) {
            return new Level(options.incremental(), origin, options.retries(), options.retryDelay(), null, journal);
        }

        Level runType(boolean newIncremental, Origin at) {
            return new Level(newIncremental, at, retries, retryDelay, watermark, journal);
        }
    }

    /** {@code run_type} or the original's {@code full_drop} of a map, if it gives one (with the line it is at). */
    Optional<Map.Entry<Boolean, Origin>> runType(YamlNode map, String where) {
        YamlNode runType = map.get("run_type");
        YamlNode fullDrop = map.get("full_drop");
        if (runType != null && fullDrop != null) {
            problems.add(fullDrop.origin(), "'full_drop' and 'run_type' of " + where + " say the same thing; keep run_type");
            return Optional.empty();
        }
        if (runType != null && !runType.isNull()) {
            Object value = runType.scalarValue();
            String text = value instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : "";
            if (text.equals("incremental") || text.equals("full_drop")) {
                return Optional.of(Map.entry(text.equals("incremental"), runType.origin()));
            }
            problems.add(runType.origin(), "'run_type' must be full_drop or incremental, not " + runType.described());
            return Optional.empty();
        }
        if (fullDrop != null && !fullDrop.isNull()) {
            if (!(fullDrop.scalarValue() instanceof Boolean full)) {
                problems.add(fullDrop.origin(), "'full_drop' must be true or false, not " + fullDrop.described());
                return Optional.empty();
            }
            notes.add(fullDrop.origin() + ": 'full_drop: " + full + "' is the original hygge's; write run_type: "
                    + (full ? "full_drop" : "incremental"));
            return Optional.of(Map.entry(!full, fullDrop.origin()));
        }
        return Optional.empty();
    }

    /** {@code retries}, {@code retry_delay} and the run type of an {@code options:} map, over {@code inherited}. */
    Level options(ShapeBinder.Bound<?> bound, Long retries, YamlNode options, String where, Level inherited) {
        Level level = new Level(inherited.incremental(), inherited.runTypeOrigin(),
                scalars.whole(bound, retries, FlowLimits.RETRIES).orElse(inherited.retries()),
                retryDelay(bound.at("retry_delay")).orElse(inherited.retryDelay()), inherited.watermark(), inherited.journal());
        return runType(options, "the options of " + where).map(r -> level.runType(r.getKey(), r.getValue())).orElse(level);
    }

    /** The run type, {@code watermark:} and {@code journal:} a flow or entity sets directly, over {@code inherited}. */
    Level level(YamlNode node, String where, Level inherited, boolean optionsSetRunType) {
        Level level = new Level(inherited.incremental(), inherited.runTypeOrigin(), inherited.retries(), inherited.retryDelay(),
                YamlNode.merge(inherited.watermark(), map(node.get("watermark"), "watermark", where)),
                YamlNode.merge(inherited.journal(), map(node.get("journal"), "journal", where)));
        Optional<Map.Entry<Boolean, Origin>> runType = runType(node, where);
        if (runType.isPresent() && optionsSetRunType) {
            problems.add(runType.get().getValue(), "the run type of " + where + " is set both here and under its options:;"
                    + " keep one");
        }
        return runType.map(r -> level.runType(r.getKey(), r.getValue())).orElse(level);
    }

    /** Whether an {@code options:} map sets the run type (to report it set twice). */
    static boolean setsRunType(YamlNode options) {
        return options != null && options.isMap() && (options.get("run_type") != null || options.get("full_drop") != null);
    }

    /** A retry_delay: a duration up to {@link FlowLimits#MAX_RETRY_WAIT}. */
    Optional<Duration> retryDelay(YamlNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Optional<Duration> parsed = Durations.parse(node.scalarValue());
        if (parsed.isEmpty()) {
            problems.add(node.origin(), "'retry_delay' must be " + Durations.FORMS + ", not " + node.described());
            return Optional.empty();
        }
        Optional<String> outOfRange = FlowLimits.retryDelayProblem(parsed.get());
        outOfRange.ifPresent(p -> problems.add(node.origin(), p));
        return outOfRange.isPresent() ? Optional.empty() : parsed;
    }

    /** A Store's own {@code incremental: true|false}, which decides over run_type for that Store. */
    Optional<Map.Entry<Boolean, Origin>> storeIncremental(YamlNode store) {
        YamlNode node = store == null ? null : store.get("incremental");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!(node.scalarValue() instanceof Boolean incremental)) {
            problems.add(node.origin(), "'incremental' of the store must be true or false, not " + node.described());
            return Optional.empty();
        }
        return Optional.of(Map.entry(incremental, node.origin()));
    }

    /** The Store's settings without {@code incremental:}, which is the engine's, not the plugin's. */
    static YamlNode withoutIncremental(YamlNode store) {
        if (store == null || !store.isMap() || store.get("incremental") == null) {
            return store;
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(store.entries());
        entries.remove("incremental");
        return YamlNode.map(entries, store.origin());
    }

    /**
     * The run settings of one definition.
     *
     * @param home the Home's settings (merged), for a journal kept beside it
     * @param store the Store's settings (merged, with {@code incremental:} still in)
     */
    RunSettings resolve(Level level, YamlNode home, YamlNode store, String where) {
        Level decided = storeIncremental(store).map(s -> level.runType(s.getKey(), s.getValue())).orElse(level);
        Optional<WatermarkSettings> watermark = watermark(decided.watermark(), where);
        if (decided.incremental() && watermark.isEmpty()) {
            problems.add(decided.runTypeOrigin(), where + " is incremental but has no watermark: add watermark: {watermark_column:"
                    + " <column>, primary_key: <column>}");
        }
        boolean journaled = decided.journal() != null || watermark.isPresent();
        Optional<Path> journal = journaled ? Optional.of(journal(decided.journal(), home, store, where)) : Optional.empty();
        return new RunSettings(decided.incremental(), decided.runTypeOrigin(), watermark, decided.retries(), decided.retryDelay(),
                journal);
    }

    private YamlNode map(YamlNode node, String key, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isMap()) {
            problems.add(node.origin(), "'" + key + "' of " + where + " is a map (" + String.join(", ", Shapes.keys(
                    key.equals("watermark") ? Shapes.WatermarkShape.class : Shapes.JournalShape.class)) + "), not " + node.kind());
            return null;
        }
        return node;
    }

    private Optional<WatermarkSettings> watermark(YamlNode node, String where) {
        if (node == null) {
            return Optional.empty();
        }
        String of = "the watermark of " + where;
        ShapeBinder.Bound<Shapes.WatermarkShape> bound = ShapeBinder.bind(node, Shapes.WatermarkShape.class, of, problems);
        Optional<String> column = Optional.empty();
        YamlNode columnNode = node.get("watermark_column");
        if (columnNode == null || columnNode.isNull()) {
            problems.add(node.origin(), of + " has no watermark_column: name the column whose greater values are new rows,"
                    + " such as watermark_column: updated_at");
        } else {
            column = scalars.text(columnNode, "watermark_column");
        }
        List<String> primaryKey = new ArrayList<>();
        YamlNode key = node.get("primary_key");
        if (key != null && key.isList()) {
            key.items().forEach(item -> scalars.text(item, "primary_key").ifPresent(primaryKey::add));
        } else if (key != null && !key.isNull()) {
            scalars.text(key, "primary_key").ifPresent(primaryKey::add);
        }
        Optional<Watermark.Lookback> lookback = lookback(node.get("lookback"));
        boolean includeNulls = scalars.bool(bound, "include_nulls", bound.shape().includeNulls()).orElse(false);
        return Optional.of(new WatermarkSettings(column, primaryKey, lookback, includeNulls, node.origin()));
    }

    /** A lookback: a count of values ({@code 1000}) or a duration ({@code 2h}, {@code 3d}, {@code PT30M}). */
    private Optional<Watermark.Lookback> lookback(YamlNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Object value = node.scalarValue();
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return Optional.of(Watermark.Lookback.of(((Number) value).longValue()));
        }
        if (value instanceof String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.matches("\\d{1,18}")) {
                return Optional.of(Watermark.Lookback.of(Long.parseLong(t)));
            }
            if (t.matches("\\d{1,6}\\s*d")) {
                return Optional.of(Watermark.Lookback.of(Duration.ofDays(Long.parseLong(t.replaceAll("\\D", "")))));
            }
            if (!t.matches("\\d+(\\.\\d+)?") && !t.isEmpty()) {
                Optional<Duration> d = Durations.parse(t);
                if (d.isPresent()) {
                    return Optional.of(Watermark.Lookback.of(d.get()));
                }
            }
        }
        problems.add(node.origin(), "'lookback' must be a count of values (1000) for an integer column or a duration (2h, 3d,"
                + " PT30M) for a date or timestamp column, not " + node.described());
        return Optional.empty();
    }

    /**
     * The journal's file: {@code journal.path} (a {@code .parquet} file, or a folder for
     * {@code journal.parquet}), else beside the Store ({@code location: store}, the default) or the
     * Home: {@code <path>/.hygge_journal/journal.parquet} (the folder of a file path such as a
     * DuckDB database), else {@code <project>/.hygge/journal/journal.parquet}.
     */
    private Path journal(YamlNode node, YamlNode home, YamlNode store, String where) {
        String location = "store";
        if (node != null) {
            ShapeBinder.Bound<Shapes.JournalShape> bound = ShapeBinder.bind(node, Shapes.JournalShape.class,
                    "the journal of " + where, problems);
            Optional<String> path = scalars.text(bound, "path", bound.shape().path());
            if (path.isPresent()) {
                Path p = local(path.get(), node.get("path").origin());
                if (p != null) {
                    return p.getFileName().toString().endsWith(".parquet") ? p : p.resolve(JOURNAL_FILE);
                }
            }
            location = scalars.text(bound, "location", bound.shape().location()).map(l -> l.toLowerCase(Locale.ROOT)).orElse("store");
            if (!location.equals("store") && !location.equals("home")) {
                problems.add(bound.at("location").origin(), "'location' of the journal of " + where + " must be store or home, not '"
                        + location + "'");
                location = "store";
            }
        }
        YamlNode beside = location.equals("home") ? home : store;
        YamlNode path = beside != null ? beside.get("path") : null;
        if (path != null && path.scalarValue() instanceof String text && !text.isBlank()) {
            int entity = text.indexOf(PluginNodes.ENTITY);
            String folder = entity >= 0 ? text.substring(0, Math.max(0, text.lastIndexOf('/', entity))) : text;
            Path p = local(folder.isEmpty() ? "." : folder, path.origin());
            if (p != null) {
                boolean file = p.getFileName() != null && p.getFileName().toString().contains(".") && !Files.isDirectory(p);
                return (file ? p.getParent() : p).resolve(".hygge_journal").resolve(JOURNAL_FILE);
            }
        }
        return nodes.root().resolve(".hygge").resolve("journal").resolve(JOURNAL_FILE);
    }

    /** A local path resolved against the project, or null for a URL or an in-memory name ({@code s3://}, {@code :memory:}). */
    private Path local(String text, Origin origin) {
        YamlNode resolved = nodes.resolvePaths(YamlNode.map(Map.of("path", YamlNode.scalar(text, origin)), origin)).get("path");
        try {
            Path p = Path.of(String.valueOf(resolved.scalarValue()));
            return p.isAbsolute() ? p.normalize() : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
