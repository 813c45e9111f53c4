package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the entities a Home could offer, for {@code entities: "*"}. The parquet lister (every
 * sub-folder of the Home's path) is built in; a plugin whose Home can list tables (every table of
 * the schema a SQL Home names) provides one through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.hygge.config.EntityLister}).
 *
 * <pre>{@code
 * public final class DuckDbEntityLister implements EntityLister {
 *     public String homeType() { return "duckdb"; }
 *     public List<String> entities(Source source) {
 *         String path = (String) source.home().getOrDefault("path",
 *                 source.connection().map(c -> c.options().get("path")).orElse(null));
 *         ... SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name ...
 *     }
 * }
 * }</pre>
 *
 * <p>A lister overrides {@link #entities(Source)} when it needs the Home's named connection, or
 * {@link #entities(Map)} when the Home's own options are enough.
 */
public interface EntityLister {
    /** The Home type this lister serves. */
    String homeType();

    /**
     * The entity names, in a stable order, from the flow's Home options (paths already resolved,
     * {@code {entity}} not yet replaced).
     *
     * @throws dev.hygge.ConfigException when the Home's settings do not allow listing (a missing folder)
     */
    default List<String> entities(Map<String, Object> homeOptions) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither entities(Map) nor entities(Source)");
    }

    /**
     * The entity names, in a stable order, from the flow's Home and, when the Home names one, its
     * connection. Delegates to {@link #entities(Map)} unless overridden.
     *
     * @throws dev.hygge.ConfigException when the settings do not allow listing (an unreachable
     *     database, a missing schema); the message names what to fix and holds no secret
     */
    default List<String> entities(Source source) {
        return entities(source.home());
    }

    /**
     * What a lister sees: the Home's options ({@code ${VAR}} replaced, paths resolved against the
     * project folder, {@code {entity}} not yet replaced, without {@code type}) and the named
     * connection the Home's {@code connection:} refers to, if any.
     */
    record Source(Map<String, Object> home, Optional<NamedConnection> connection) {
        public Source {
            home = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(home, "home is null")));
            requireNonNull(connection, "connection is null");
        }
    }

    /**
     * A connection of the project's {@code connections:}: its name, type and options (resolved like
     * the Home's, without {@code type}).
     */
    record NamedConnection(String name, String type, Map<String, Object> options) {
        public NamedConnection {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            options = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(options, "options is null")));
        }
    }
}
