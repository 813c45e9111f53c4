package dev.hygge.config;

import java.util.List;
import java.util.Map;

/**
 * Lists the entities a Home could offer, for {@code entities: "*"}. The parquet lister (every
 * sub-folder of the Home's path) is built in; a plugin whose Home can list tables (every table of
 * the schema a SQL Home names) may provide one through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.hygge.config.EntityLister}).
 *
 * <pre>{@code
 * public final class DuckDbEntityLister implements EntityLister {
 *     public String homeType() { return "duckdb"; }
 *     public List<String> entities(Map<String, Object> home) { ... SELECT table_name FROM information_schema.tables ... }
 * }
 * }</pre>
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
    List<String> entities(Map<String, Object> homeOptions);
}
