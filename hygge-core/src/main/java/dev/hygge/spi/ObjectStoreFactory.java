package dev.hygge.spi;

import java.net.URI;
import java.util.Map;

/**
 * Opens object-store clients for the locations of one kind of storage ({@code s3://bucket/prefix},
 * {@code abfss://container@account.dfs.core.windows.net/path}). Found with
 * {@link java.util.ServiceLoader}: declare the class in
 * {@code META-INF/services/dev.hygge.spi.ObjectStoreFactory}. Core knows no vendor by name: a
 * location that no factory serves fails with the list of factories found; a plain path (no
 * scheme, or {@code file:}) is local disk and needs none.
 *
 * <pre>{@code
 * public final class S3ObjectStoreFactory implements ObjectStoreFactory {
 *     public String name() { return "s3"; }
 *     public boolean serves(URI location) { return "s3".equals(location.getScheme()); }
 *     public ObjectStore open(URI location, Map<String, String> settings) { ... }
 * }
 * }</pre>
 *
 * @since 0.4
 */
public interface ObjectStoreFactory {
    /** A short lower-case name for messages and for a connection's {@code type} ({@code s3}, {@code azure}). */
    String name();

    /** The location forms it serves, for the message that lists them ({@code s3://<bucket>/<prefix>}). */
    String forms();

    /** Whether this factory serves the location (by its scheme and, where needed, its host). */
    boolean serves(URI location);

    /**
     * The settings this factory reads (credentials, endpoint): each key with a short description,
     * so that unknown keys fail naming the known ones and secrets are known by name.
     */
    Map<String, String> settings();

    /**
     * Checks settings without opening anything: the credential kind, the keys it needs. Every
     * problem is reported, each naming its key; the default finds none.
     */
    default void validate(URI location, Map<String, String> settings, OptionProblems problems) {}

    /**
     * Opens a client rooted at the location: every key it takes is relative to the location's path.
     *
     * @param settings credential and endpoint settings (already validated), never logged
     * @throws ConfigException when the location or the settings are unusable, naming the key
     */
    ObjectStore open(URI location, Map<String, String> settings);
}
