package dev.hygge.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the entities a Home could offer, for {@code entities: "*"}. A plugin whose Home can list
 * its entities (the sub-folders of a file Home's path, every table of the schema a SQL Home names)
 * provides one through {@link java.util.ServiceLoader}
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
     * @throws dev.hygge.spi.ConfigException when the Home's settings do not allow listing (a missing folder)
     */
    default List<String> entities(Map<String, Object> homeOptions) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither entities(Map) nor entities(Source)");
    }

    /**
     * The entity names, in a stable order, from the flow's Home and, when the Home names one, its
     * connection. Delegates to {@link #entities(Map)} unless overridden.
     *
     * @throws dev.hygge.spi.ConfigException when the settings do not allow listing (an unreachable
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
     * The {@code table} pattern of a SQL Home split for listing: {@code "crm.{entity}"} is schema
     * {@code crm} and every table name; {@code "db.raw.stg_{entity}"} is catalog {@code db}, schema
     * {@code raw} and the tables named {@code stg_...}. Quotes ({@code "x"}, {@code [x]},
     * {@code `x`}) around a part are dropped.
     *
     * <pre>{@code
     * TablePattern p = TablePattern.parse("raw.stg_{entity}");
     * p.schema();                 // Optional[raw]
     * p.entity("stg_orders");     // Optional[orders]
     * }</pre>
     */
    record TablePattern(Optional<String> catalog, Optional<String> schema, String prefix, String suffix) {
        public TablePattern {
            requireNonNull(catalog, "catalog is null");
            requireNonNull(schema, "schema is null");
            requireNonNull(prefix, "prefix is null");
            requireNonNull(suffix, "suffix is null");
        }

        /**
         * Splits a {@code table} option.
         *
         * @throws dev.hygge.spi.ConfigException when {@code {entity}} is not in the table name part
         */
        public static TablePattern parse(String table) {
            String[] parts = table.split("\\.", -1);
            String name = unquote(parts[parts.length - 1]);
            int at = name.indexOf("{entity}");
            if (parts.length > 3 || at < 0 || name.indexOf("{entity}", at + 1) >= 0) {
                throw new dev.hygge.spi.ConfigException("entities: \"*\" needs {entity} once in the table name of the home's table"
                        + " pattern ([catalog.][schema.]name, e.g. table: \"raw.{entity}\"), not '" + table + "'");
            }
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].contains("{entity}") || unquote(parts[i]).isBlank()) {
                    throw new dev.hygge.spi.ConfigException("entities: \"*\" lists the tables of one schema; the schema of the home's"
                            + " table pattern '" + table + "' must be a fixed name (table: \"raw.{entity}\")");
                }
            }
            Optional<String> schema = parts.length >= 2 ? Optional.of(unquote(parts[parts.length - 2])) : Optional.empty();
            Optional<String> catalog = parts.length == 3 ? Optional.of(unquote(parts[0])) : Optional.empty();
            return new TablePattern(catalog, schema, name.substring(0, at), name.substring(at + "{entity}".length()));
        }

        /** The entity of a table name, when the name fits the pattern. */
        public Optional<String> entity(String tableName) {
            if (tableName.length() > prefix.length() + suffix.length() && tableName.startsWith(prefix)
                    && tableName.endsWith(suffix)) {
                return Optional.of(tableName.substring(prefix.length(), tableName.length() - suffix.length()));
            }
            return Optional.empty();
        }

        private static String unquote(String part) {
            String p = part.strip();
            if (p.length() >= 2 && ((p.startsWith("\"") && p.endsWith("\"")) || (p.startsWith("[") && p.endsWith("]"))
                    || (p.startsWith("`") && p.endsWith("`")))) {
                return p.substring(1, p.length() - 1);
            }
            return p;
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
