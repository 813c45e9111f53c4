package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The Home, Store and Connection factories known to a runtime, by type name.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.discover();                       // every factory on the class path
 * Plugins custom = Plugins.builder().home(new MyHomeFactory()).build();   // tests: no discovery
 * }</pre>
 *
 * A duplicate type name fails; looking up an unknown type fails with the list of known types.
 */
public final class Plugins {
    private final Map<String, HomeFactory<?>> homes;
    private final Map<String, StoreFactory<?>> stores;
    private final Map<String, ConnectionFactory<?>> connections;

    private Plugins(Builder builder) {
        this.homes = Map.copyOf(builder.homes);
        this.stores = Map.copyOf(builder.stores);
        this.connections = Map.copyOf(builder.connections);
    }

    /** Every factory declared in {@code META-INF/services} on the given class loader. */
    public static Plugins discover(ClassLoader loader) {
        Builder builder = builder();
        ServiceLoader.load(HomeFactory.class, loader).forEach(builder::home);
        ServiceLoader.load(StoreFactory.class, loader).forEach(builder::store);
        ServiceLoader.load(ConnectionFactory.class, loader).forEach(builder::connection);
        return builder.build();
    }

    /** Every factory declared on the context class loader (or this class's). */
    public static Plugins discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Plugins.class.getClassLoader());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these factories, to add more. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.homes.putAll(homes);
        builder.stores.putAll(stores);
        builder.connections.putAll(connections);
        return builder;
    }

    public HomeFactory<?> home(String type) {
        return find("Home", homes, type);
    }

    public StoreFactory<?> store(String type) {
        return find("Store", stores, type);
    }

    public ConnectionFactory<?> connection(String type) {
        return find("connection", connections, type);
    }

    public Collection<String> homeTypes() {
        return new TreeMap<>(homes).keySet();
    }

    public Collection<String> storeTypes() {
        return new TreeMap<>(stores).keySet();
    }

    public Collection<String> connectionTypes() {
        return new TreeMap<>(connections).keySet();
    }

    private static <F> F find(String kind, Map<String, F> factories, String type) {
        requireNonNull(type, "type is null");
        F factory = factories.get(type.toLowerCase(java.util.Locale.ROOT));
        if (factory == null) {
            throw new ConfigException("Unknown " + kind + " type '" + type + "'; known types: "
                    + (factories.isEmpty() ? "(none: is the plugin's jar on the class path?)"
                            : String.join(", ", new TreeMap<>(factories).keySet())));
        }
        return factory;
    }

    public static final class Builder {
        private final Map<String, HomeFactory<?>> homes = new TreeMap<>();
        private final Map<String, StoreFactory<?>> stores = new TreeMap<>();
        private final Map<String, ConnectionFactory<?>> connections = new TreeMap<>();

        private Builder() {}

        public Builder home(HomeFactory<?> factory) {
            add("Home", homes, factory);
            return this;
        }

        public Builder store(StoreFactory<?> factory) {
            add("Store", stores, factory);
            return this;
        }

        public Builder connection(ConnectionFactory<?> factory) {
            add("connection", connections, factory);
            return this;
        }

        private static <F extends PluginFactory<?>> void add(String kind, Map<String, F> map, F factory) {
            requireNonNull(factory, "factory is null");
            String type = requireNonNull(factory.type(), "type is null").toLowerCase(java.util.Locale.ROOT);
            F previous = map.putIfAbsent(type, factory);
            if (previous != null) {
                throw new ConfigException("Duplicate " + kind + " type '" + type + "': provided by both "
                        + previous.getClass().getName() + " and " + factory.getClass().getName()
                        + "; remove one of the two plugins from the class path");
            }
        }

        public Plugins build() {
            return new Plugins(this);
        }
    }
}
