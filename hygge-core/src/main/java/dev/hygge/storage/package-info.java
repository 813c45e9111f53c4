/**
 * Storage locations: resolving a location string to an {@link dev.hygge.spi.ObjectStore} (local disk
 * by default, a plugin's {@link dev.hygge.spi.ObjectStoreFactory} for a URL), and the commit protocol
 * that makes a Store's files appear in an object store all at once or not at all
 * ({@link dev.hygge.storage.ObjectCommit}; {@code docs/object-stores.md}).
 */
package dev.hygge.storage;
