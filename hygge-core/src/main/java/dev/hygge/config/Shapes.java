package dev.hygge.config;

import dev.hygge.spi.Options;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The shapes of a project's files, as records the shared mapper binds ({@link ShapeBinder}): a
 * record's components are the keys its map may hold ({@code flowsDir} is {@code flows_dir}), so
 * the keys a message lists as valid are read from here, never kept by hand beside them. A
 * component a key holds a setting of its own shape in ({@code home}, {@code entities}, ...) is an
 * {@link Object}: its settings are read from its {@link YamlNode}, which knows their lines.
 *
 * <pre>{@code
 * Shapes.keys(Shapes.EntityShape.class);     // [name, home, store, options]
 * }</pre>
 */
final class Shapes {
    private Shapes() {}

    /** {@code hygge.yml}. */
    record ProjectShape(String name, String flowsDir, Object connections, Object options, Object flows, Object journal) {}

    /** A project's {@code options:}: how flows run, and the defaults of every flow. */
    record ProjectOptionsShape(Long maxParallelFlows, Boolean continueOnError, Long queueSize, Long parallelism,
                               Object lockTimeout, Object runType, Object fullDrop, Long retries, Object retryDelay) {}

    /**
     * A flow, under {@code flows:} or in {@code flows/<flow>/flow.yml} ({@code name} is the
     * original hygge's, which named the flow in its file; the folder names it here).
     */
    record FlowShape(Object name, Object home, Object store, Object entities, Object include, Object exclude, Object options,
                     Object runType, Object fullDrop, Object watermark, Object journal) {}

    /** The engine settings of a flow or entity under its {@code options:}. */
    record FlowOptionsShape(Long queueSize, Long parallelism, Object lockTimeout, Object runType, Object fullDrop, Long retries,
                            Object retryDelay) {}

    /** An entity, in {@code entities:} as a map or in {@code flows/<flow>/entities/<entity>.yml}. */
    record EntityShape(Object name, Object home, Object store, Object options, Object runType, Object fullDrop, Object watermark,
                       Object journal) {}

    /** A flow's or entity's {@code watermark:}, the original hygge's two keys and this one's own. */
    record WatermarkShape(Object primaryKey, Object watermarkColumn, Object lookback, Boolean includeNulls) {}

    /** {@code journal:} of the project, a flow or an entity. */
    record JournalShape(String path, String location) {}

    /** A Store's {@code polish:}, the original hygge's keys ({@link PolishReader}). */
    record PolishShape(Object columns, Object hashIds, Object constants, Object timestamps, Object addRowMarker) {}

    /** {@code polish: columns:}; the component {@code Case} is the key {@code case}, a word Java keeps for itself. */
    record PolishColumnsShape(Boolean removeSpecial, Boolean removeSpaces, String Case) {}

    /** One of {@code polish: hash_ids:}. */
    record HashIdShape(String name, Object fromColumns, String algo, Boolean hex) {}

    /** One of {@code polish: constants:}. */
    record ConstantShape(String name, Object value) {}

    /** One of {@code polish: timestamps:}. */
    record TimestampShape(String name, String source, String type, String format) {}

    /** {@code polish: add_row_marker:} as a map (it may also be {@code true}). */
    record RowMarkerShape(Boolean enabled, Long value) {}

    /** The {@code snake_case} keys of a shape, in the order its record declares them. */
    static List<String> keys(Class<? extends Record> shape) {
        var config = Options.mapper().getDeserializationConfig();
        var strategy = config.getPropertyNamingStrategy();
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (var component : shape.getRecordComponents()) {
            keys.add(strategy != null ? strategy.nameForField(config, null, component.getName()) : component.getName());
        }
        return List.copyOf(keys);
    }
}
