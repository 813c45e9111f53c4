package dev.hygge.parquet;

import dev.hygge.spi.ConfigException;
import dev.hygge.config.EntityLister;
import dev.hygge.spi.ObjectStore;
import dev.hygge.storage.ObjectStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code entities: "*"} of a parquet Home: every sub-folder of its path (the part before
 * {@code {entity}}, if the path holds it), but those whose names start with {@code .} or
 * {@code _} (hidden folders, staging). A cloud path ({@code s3://…}, {@code abfss://…}) is listed
 * through its storage plugin with the Home's inline {@code storage:} settings.
 *
 * <pre>{@code
 * home: {type: parquet, path: landing/}      # landing/orders/, landing/customers/ -> [customers, orders]
 * entities: "*"
 * }</pre>
 */
public class ParquetEntityLister implements EntityLister {
    private final String type;

    public ParquetEntityLister() {
        this("parquet");
    }

    /** The same lister for the Home under another type name ({@link LocalEntityLister}). */
    ParquetEntityLister(String type) {
        this.type = type;
    }

    @Override
    public final String homeType() {
        return type;
    }

    @Override
    public List<String> entities(Map<String, Object> homeOptions) {
        if (!(homeOptions.get("path") instanceof String path)) {
            throw new ConfigException("the home has no path, whose sub-folders would be the entities; add path:");
        }
        int at = path.indexOf(ParquetEntities.ENTITY);
        String folder = at < 0 ? path : path.substring(0, Math.max(0, path.lastIndexOf('/', at)));
        if (folder.contains("*") || folder.contains("?")) {
            throw new ConfigException("the home's path must be a folder, whose sub-folders are the entities, not the glob " + folder);
        }
        if (!ObjectStores.isLocal(folder)) {
            return cloudEntities(folder, homeOptions.get("storage"));
        }
        Path dir = Path.of(folder);
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + " is not a folder; create it or fix the home's path");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_")).toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list the folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sub-folders of a cloud folder ({@link ObjectStore#folders}), with the Home's inline
     * {@code storage:} settings; a named storage connection is not reachable from here.
     */
    private static List<String> cloudEntities(String folder, Object storage) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (storage instanceof Map<?, ?> map) {
            map.forEach((k, v) -> settings.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (storage != null) {
            throw new ConfigException("the home's storage: must be a map of settings, not '" + storage + "'");
        }
        if (settings.containsKey(ObjectStores.CONNECTION)) {
            throw new ConfigException("entities: \"*\" lists the cloud folder " + folder.replaceAll("\\?.*", "?****")
                    + " with the home's own storage settings, and a named storage connection ('"
                    + settings.get(ObjectStores.CONNECTION) + "') is not resolved for listing: write its settings under"
                    + " storage: (${VAR} for secrets), or list the entities");
        }
        try (ObjectStore store = ObjectStores.open(folder, settings)) {
            return store.folders("").stream().filter(n -> !n.startsWith(".") && !n.startsWith("_")).sorted().toList();
        } catch (RuntimeException e) {
            throw new ConfigException("cannot list the cloud folder " + folder.replaceAll("\\?.*", "?****")
                    + ": " + e.getMessage(), e);
        }
    }
}
