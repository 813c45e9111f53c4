package dev.hygge.parquet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a flow's entity changes parquet options (the {@link dev.hygge.spi.SupportsEntities} rules of
 * both factories). The parquet plugin keeps entities in {@code path/<entity>/} itself (the Home
 * through its {@code entity} option, the Store from the flow's entity), so a trailing
 * {@code /{entity}} is dropped rather than doubled, and a Home without {@code {entity}} gets the
 * entity option. The Home reads a path holding {@code * ? [ {} as a glob, so where an entity name
 * becomes part of its path, the name's glob characters are escaped.
 *
 * <pre>{@code
 * ParquetEntities.home(Map.of("path", "landing/"), "sales[2024]");   // path: landing/sales\[2024\]/**
 * ParquetEntities.home(Map.of("path", "landing/"), "orders");        // path: landing/, entity: orders
 * ParquetEntities.store(Map.of("path", "lake/{entity}"), "orders");  // path: lake
 * }</pre>
 */
final class ParquetEntities {
    static final String ENTITY = "{entity}";
    private static final Pattern TRAILING_ENTITY = Pattern.compile("(.*?)/*\\{entity}/*");

    private ParquetEntities() {}

    static Map<String, Object> home(Map<String, Object> options, String entity) {
        Map<String, Object> own = new LinkedHashMap<>(options);
        if (!(options.get("path") instanceof String path)) {
            return own;
        }
        Matcher trailing = TRAILING_ENTITY.matcher(path);
        if (!trailing.matches() && path.contains(ENTITY)) {
            // {entity} inside the path (landing/{entity}.parquet): that one file or folder, literally
            own.put("path", path.replace(ENTITY, Globs.escape(entity)));
            return own;
        }
        String folder = trailing.matches() ? folder(trailing) : path;
        own.put("path", folder);
        if (options.get("entity") == null) {
            if (Globs.has(entity)) {
                // a folder named sales[2024] is matched literally, and every file below it as the entity folder would be
                own.put("path", folder.replaceAll("/+$", "") + "/" + Globs.escape(entity) + "/**");
            } else {
                own.put("entity", entity);
            }
        }
        return own;
    }

    static Map<String, Object> store(Map<String, Object> options, String entity) {
        Map<String, Object> own = new LinkedHashMap<>(options);
        if (options.get("path") instanceof String path) {
            Matcher trailing = TRAILING_ENTITY.matcher(path);
            if (trailing.matches()) {
                own.put("path", folder(trailing));
            }
        }
        return own;
    }

    private static String folder(Matcher trailing) {
        return trailing.group(1).isEmpty() ? "." : trailing.group(1);
    }
}
