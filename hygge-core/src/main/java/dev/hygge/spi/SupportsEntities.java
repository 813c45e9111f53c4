package dev.hygge.spi;

import java.util.Map;

/**
 * A Home or Store factory whose options change for an entity by rules of its own, beyond
 * replacing {@code {entity}}: a file Home that keeps each entity in a folder of its name, or that
 * reads a path as a glob and so needs the name's glob characters escaped. Projects call it for
 * every entity of a flow, before they replace the {@code {entity}} left in any text setting with
 * the name and resolve relative paths.
 *
 * <pre>{@code
 * public Map<String, Object> forEntity(Map<String, Object> options, String entity) {
 *     Map<String, Object> own = new LinkedHashMap<>(options);
 *     own.putIfAbsent("entity", entity);            // this Home reads path/<entity>/ itself
 *     return own;
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SupportsEntities {
    /**
     * The options for {@code entity}.
     *
     * @param options the flow's settings for this Home or Store ({@code ${VAR}} replaced, paths as
     *     written, {@code {entity}} not yet replaced, without {@code type}); read-only
     * @param entity the entity's name, already checked by {@link dev.hygge.spi.Names}
     * @return the options to use: a setting may be changed, added or dropped; new values are text,
     *     numbers or booleans
     */
    Map<String, Object> forEntity(Map<String, Object> options, String entity);
}
