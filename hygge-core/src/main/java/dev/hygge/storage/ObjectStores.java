package dev.hygge.storage;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.ObjectStore;
import dev.hygge.spi.ObjectStoreFactory;
import dev.hygge.spi.OptionProblems;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves a location to an {@link ObjectStore}: a plain path or {@code file:} URI is local disk
 * ({@link LocalObjectStore}); a URL goes to the {@link ObjectStoreFactory} on the class path that
 * serves it.
 *
 * <pre>{@code
 * try (ObjectStore lake = ObjectStores.open("s3://lake/sales", Map.of("region", "eu-west-1"))) { ... }
 * ObjectStores.isLocal("lake/sales");        // true
 * }</pre>
 *
 * @since 0.4
 */
public final class ObjectStores {
    /** A scheme of two letters or more: {@code C:\data} stays a local path. */
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*");

    private ObjectStores() {}

    /** Whether the location is on local disk (no URL scheme, or {@code file:}). */
    public static boolean isLocal(String location) {
        return !URL.matcher(location).matches() || location.regionMatches(true, 0, "file:", 0, 5);
    }

    /** Opens the location with the factories of the context class loader. */
    public static ObjectStore open(String location, Map<String, String> settings) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return open(location, settings, loader != null ? loader : ObjectStores.class.getClassLoader());
    }

    /**
     * Opens the location: local disk needs no settings; a URL is opened by the factory that serves it,
     * after its settings are checked (unknown keys and each factory's own checks, all reported at once).
     *
     * @throws ConfigException when no factory serves the URL (listing those found), or settings are wrong
     */
    public static ObjectStore open(String location, Map<String, String> settings, ClassLoader loader) {
        if (isLocal(location)) {
            if (!settings.isEmpty()) {
                throw new ConfigException("'" + location + "' is on local disk: it takes no storage settings, not "
                        + new TreeSet<>(settings.keySet()));
            }
            Path root = location.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(location)) : Path.of(location);
            return new LocalObjectStore(root);
        }
        URI uri = parse(location);
        ObjectStoreFactory factory = factoryFor(uri, loader);
        OptionProblems problems = new OptionProblems();
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!factory.settings().containsKey(key)) {
                problems.add(key, "'" + key + "' is not a setting of " + factory.name() + " locations; known: "
                        + new TreeSet<>(factory.settings().keySet()));
            }
        }
        factory.validate(uri, settings, problems);
        problems.throwIfAny(redact(uri));
        return factory.open(uri, Map.copyOf(settings));
    }

    /**
     * Checks a location and its settings without opening anything, as {@link #open} would: local disk
     * takes no settings; a URL needs a plugin that serves it, and its settings must be known keys that
     * pass the plugin's checks. A problem of the location is added under {@code locationKey}, one of a
     * setting under {@code settingsKey.<key>}.
     *
     * <pre>{@code
     * ObjectStores.validate(options.path, options.storage, problems, "path", "storage");
     * }</pre>
     */
    public static void validate(String location, Map<String, String> settings, OptionProblems problems,
            String locationKey, String settingsKey) {
        validate(location, settings, problems, locationKey, problems.under(settingsKey), KnownLoader.get());
    }

    private static void validate(String location, Map<String, String> settings, OptionProblems top, String locationKey,
            OptionProblems problems, ClassLoader loader) {
        if (isLocal(location)) {
            for (String key : new TreeSet<>(settings.keySet())) {
                problems.add(key, "'" + location + "' is on local disk: it takes no storage setting '" + key + "'");
            }
            return;
        }
        ObjectStoreFactory factory;
        URI uri;
        try {
            uri = parse(location);
            factory = factoryFor(uri, loader);
        } catch (ConfigException e) {
            top.add(locationKey, e.getMessage());
            return;
        }
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!factory.settings().containsKey(key) && !key.equals(CONNECTION)) {
                problems.add(key, "'" + key + "' is not a setting of " + factory.name() + " locations; known: "
                        + new TreeSet<>(factory.settings().keySet()) + " (or connection: a named connection of them)");
            }
        }
        if (!settings.containsKey(CONNECTION)) {
            factory.validate(uri, settings, problems);   // with a connection, its settings are checked when it loads
        }
    }

    /** The context class loader, or this class's. */
    private static final class KnownLoader {
        static ClassLoader get() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return loader != null ? loader : ObjectStores.class.getClassLoader();
        }
    }

    /** The key of a {@code storage:} map that names a {@link dev.hygge.spi.StorageConnection}. */
    public static final String CONNECTION = "connection";

    /**
     * A Home's or Store's {@code storage:} settings with its {@code connection:} (if any) resolved:
     * the named connection's settings, overridden by the ones written beside it.
     */
    public static Map<String, String> settings(Map<String, String> storage, dev.hygge.spi.HyggeContext context) {
        if (storage == null || !storage.containsKey(CONNECTION)) {
            return storage == null ? Map.of() : storage;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(
                context.connection(storage.get(CONNECTION), dev.hygge.spi.StorageConnection.class).settings());
        storage.forEach((k, v) -> {
            if (!k.equals(CONNECTION)) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    /** The factory that serves the URL. */
    public static ObjectStoreFactory factoryFor(URI location, ClassLoader loader) {
        List<String> known = new ArrayList<>();
        for (ObjectStoreFactory factory : ServiceLoader.load(ObjectStoreFactory.class, loader)) {
            if (factory.serves(location)) {
                return factory;
            }
            known.add(factory.name() + " (" + factory.forms() + ")");
        }
        throw new ConfigException("no storage plugin serves '" + redact(location) + "'; found: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + ". Put the module for it (hygge-azure for Azure, hygge-s3 for S3) on the class path.");
    }

    /** The URL without its query (a SAS token travels there) or user info. */
    public static String redact(URI location) {
        return location.getScheme() + "://" + (location.getRawAuthority() == null ? ""
                : location.getRawAuthority().replaceAll("^[^@]*:[^@]*@", "****@")) + nullToEmpty(location.getRawPath());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static URI parse(String location) {
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new ConfigException("'" + location.replaceAll("\\?.*", "?****") + "' is not a URL: " + e.getReason()
                    + " at index " + e.getIndex() + " (spaces and other special characters must be %-encoded)", e);
        }
    }
}
