package dev.hygge.spi;

import java.util.Map;

/**
 * A named connection that holds a storage location's settings (credentials, endpoint), so flows
 * share one definition: {@code connections: {lake: {type: azure, credential: service_principal, ...}}}
 * and, in a file Home or Store, {@code storage: {connection: lake}}. A storage plugin's
 * {@link ConnectionFactory} opens it; nothing is reached until a location is opened with it.
 *
 * @since 0.4
 */
public interface StorageConnection extends Connection {
    /** The settings an {@link ObjectStoreFactory} reads, by their keys; never logged. */
    Map<String, String> settings();
}
