package dev.hygge.config;

import static java.util.Objects.requireNonNull;

/**
 * A named connection of a project ({@code connections:} in {@code hygge.yml}), shared by every
 * Home and Store that names it.
 *
 * <pre>{@code
 * for (ConnectionDefinition c : project.connections()) {
 *     builder.connection(c.name(), c.spec().type(), c.spec().options());
 * }
 * }</pre>
 */
public record ConnectionDefinition(String name, PluginSpec spec) {
    public ConnectionDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
    }
}
