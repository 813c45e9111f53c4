package dev.hygge.spi;

/**
 * What an upload does when its key already holds an object.
 *
 * @since 0.4
 */
public enum WriteMode {
    /** Replace the object (plain upload). */
    OVERWRITE,
    /**
     * Write only where no object exists, atomically at the store ({@code If-None-Match: *}); else
     * {@link ObjectExistsException}. What lock objects and commit journals are made with.
     */
    CREATE_NEW
}
