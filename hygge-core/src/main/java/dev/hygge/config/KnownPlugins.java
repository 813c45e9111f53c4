package dev.hygge.config;

import dev.hygge.spi.PluginFactory;
import dev.hygge.spi.Plugins;
import dev.hygge.spi.SupportsEntities;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What loading a project asks of the plugins: the entity rules of a Home or Store type, and the
 * keys of its options (to move the original hygge's settings to the plugin that has them). The
 * YAML format's own rules never depend on which jars are present; these two do, by their nature.
 */
final class KnownPlugins {
    private final Plugins given;
    private Plugins discovered;

    /** @param given the plugins the caller passed, or null (then options keys are unknown) */
    KnownPlugins(Plugins given) {
        this.given = given;
    }

    /**
     * The entity rules of the Home or Store factory of {@code type}. Without the plugins given, the
     * discovered ones are asked: an entity's options must not depend on whether the caller passed
     * them (a parquet Home without its rules would read sales[2024] as a glob).
     */
    Optional<SupportsEntities> entityRules(String role, String type) {
        return factory(role, type).filter(SupportsEntities.class::isInstance).map(SupportsEntities.class::cast);
    }

    /** The groups of keys of the Home or Store factory of {@code type} that exclude each other ({@link PluginFactory#alternatives}). */
    List<Set<String>> alternatives(String role, String type) {
        return factory(role, type).map(PluginFactory::alternatives).orElse(List.of());
    }

    /**
     * The factory of {@code type}, from the plugins given or else the discovered ones.
     *
     * @param role {@code home}, {@code store} or {@code connection}
     */
    Optional<PluginFactory<?>> factory(String role, String type) {
        Plugins known = given;
        if (known == null) {
            if (discovered == null) {
                try {
                    discovered = Plugins.discover(classLoader());
                } catch (RuntimeException duplicateTypes) {
                    // validation reports duplicate types with the known names; an entity keeps only {entity} here
                    discovered = Plugins.builder().build();
                }
            }
            known = discovered;
        }
        if (role.equals("connection")) {
            return known.connectionTypes().contains(type) ? Optional.of(known.connection(type)) : Optional.empty();
        }
        boolean home = role.equals("home");
        if (!(home ? known.homeTypes() : known.storeTypes()).contains(type)) {
            return Optional.empty();
        }
        return Optional.of(home ? known.home(type) : known.store(type));
    }

    /**
     * The snake_case keys of the options class of a Home (or Store) type, with the original hygge's
     * names its factory reads ({@link PluginFactory#originalKeys}); empty when unknown or no plugins
     * were given.
     */
    Set<String> optionKeys(Optional<String> type, boolean home) {
        if (given == null || type.isEmpty()) {
            return Set.of();
        }
        Collection<String> known = home ? given.homeTypes() : given.storeTypes();
        if (!known.contains(type.get())) {
            return Set.of();
        }
        PluginFactory<?> factory = home ? given.home(type.get()) : given.store(type.get());
        Set<String> keys = new java.util.TreeSet<>(OptionKeys.of(factory.optionsType()));
        keys.addAll(factory.originalKeys().keySet());           // the original's names of its keys go to it too
        keys.addAll(factory.ignoredOriginalKeys().keySet());
        return keys;
    }

    /** The snake_case keys of the options class of a connection type; empty when unknown. */
    Set<String> connectionKeys(String type) {
        return factory("connection", type).map(f -> OptionKeys.of(f.optionsType())).orElse(Set.of());
    }

    /** Whether the caller passed the plugins (without them, no key can be routed to a Home or Store). */
    boolean given() {
        return given != null;
    }

    /** The class loader plugins and entity listers are found with. */
    static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : KnownPlugins.class.getClassLoader();
    }
}
