package dev.hygge.spi;

/**
 * What every factory has: a type name users write in config ({@code parquet}, {@code mssql}) and a
 * typed options class that config is bound to (snake_case keys, unknown keys rejected).
 *
 * @param <O> the options class: a plain class with public fields or setters and defaults in
 *     field initialisers, bound by Jackson
 * @since 0.1
 */
public interface PluginFactory<O> {
    /** The type name, lower case, unique per kind of factory. */
    String type();

    /** The options class. */
    Class<O> optionsType();

    /**
     * Checks bound options without opening anything: ranges, required keys, combinations, names and
     * types the plugin will have to parse. Projects call it for every Home, Store and connection when
     * they load, and flows given a type name call it before anything opens, so each problem is
     * reported up front, with the line of its key. Report every problem, not only the first; never
     * change {@code options} here (defaults belong in the options class's field initialisers).
     *
     * <pre>{@code
     * if (options.batchSize < 1) {
     *     problems.add("batch_size", "batch_size must be at least 1, not " + options.batchSize);
     * }
     * }</pre>
     *
     * <p>The default finds nothing to report.
     *
     * @since 0.2
     */
    default void validate(O options, OptionProblems problems) {}

    /**
     * Groups of top-level option keys of which one is given, not several (a Home reads a
     * {@code table} or a {@code query}). When an entity sets one key of a group, the keys of that
     * group it inherits from its flow are dropped: an entity's {@code query} replaces the flow's
     * {@code table}. The default has none.
     *
     * @since 0.2
     */
    default java.util.List<java.util.Set<String>> alternatives() {
        return java.util.List.of();
    }

    /**
     * Keys the original hygge (the Python project, v0.6) wrote for this type that this options class
     * calls otherwise: old key to new key. Projects read the old key as the new one with one
     * deprecation note naming the file, line and both keys, so a team's configs load as they are.
     * The default has none.
     *
     * <pre>{@code
     * return Map.of("batch_size", "rows_per_file");   // a parquet Store's rows per file
     * }</pre>
     *
     * @since 0.3
     */
    default java.util.Map<String, String> originalKeys() {
        return java.util.Map.of();
    }

    /**
     * Keys the original hygge accepted for this type whose meaning this one has no place for, with
     * why each is ignored (said in the note a project gives): accepted and ignored, so a config that
     * loaded there loads here. The default has none.
     *
     * @since 0.3
     */
    default java.util.Map<String, String> ignoredOriginalKeys() {
        return java.util.Map.of();
    }

    /**
     * Values the original hygge wrote for a key (by this type's name for it, after {@link #originalKeys}
     * renamed it) that this type spells otherwise: key to (the original's text, compared ignoring case,
     * to the value here). A project reads them as the value here, with the one note of the key (or one
     * of its own when the key was not renamed). The default has none.
     *
     * <pre>{@code
     * return Map.of("encrypt", Map.of("yes", "true", "no", "false"));   // ODBC's spelling, as the original passed it on
     * }</pre>
     *
     * @since 0.6
     */
    default java.util.Map<String, java.util.Map<String, Object>> originalValues() {
        return java.util.Map.of();
    }
}
