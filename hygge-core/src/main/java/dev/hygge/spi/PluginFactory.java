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
}
