package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One object (file) at a storage location, as a listing gives it.
 *
 * @param key the object's key relative to the location's root, {@code /}-separated, never starting with {@code /}
 * @param size its length in bytes
 * @param lastModified when it was last written, as the store says
 * @since 0.4
 */
public record ObjectInfo(String key, long size, Instant lastModified) {
    public ObjectInfo {
        requireNonNull(key, "key is null");
        requireNonNull(lastModified, "lastModified is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, not " + size);
        }
    }

    /** The last segment of the key: {@code orders_00000000000000000000.parquet}. */
    public String name() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
