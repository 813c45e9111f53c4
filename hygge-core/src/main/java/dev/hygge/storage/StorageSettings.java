package dev.hygge.storage;

import dev.hygge.spi.StorageConnection;
import java.util.Map;

/**
 * A named connection of storage settings, as a storage plugin's connection factory opens it:
 * holds the settings, reaches nothing.
 *
 * @since 0.4
 */
public final class StorageSettings implements StorageConnection {
    private final String name;
    private final Map<String, String> settings;

    public StorageSettings(String name, Map<String, String> settings) {
        this.name = java.util.Objects.requireNonNull(name, "name is null");
        this.settings = Map.copyOf(settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "storage connection " + name + " " + new java.util.TreeSet<>(settings.keySet());
    }
}
