package dev.hygge.config;

import dev.hygge.spi.Options;
import java.util.Set;
import java.util.TreeSet;

/** The {@code snake_case} keys an options class binds, as the shared mapper sees them. */
final class OptionKeys {
    private OptionKeys() {}

    static Set<String> of(Class<?> optionsType) {
        var config = Options.mapper().getDeserializationConfig();
        Set<String> keys = new TreeSet<>();
        config.introspect(config.constructType(optionsType)).findProperties().forEach(p -> keys.add(p.getName()));
        return keys;
    }
}
