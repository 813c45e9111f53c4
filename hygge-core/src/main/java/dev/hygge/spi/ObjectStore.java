package dev.hygge.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A client for one storage location (a bucket or container and a path in it, or a local folder):
 * what the file Home and Store need of object storage, and what the store can promise. Every key is
 * relative to the location's root, {@code /}-separated, checked by {@link ObjectKeys#check} so that
 * no name from config reaches outside it. Opened by an {@link ObjectStoreFactory}; thread-safe;
 * closing it releases its HTTP connections and threads.
 *
 * <pre>{@code
 * try (ObjectStore lake = ObjectStores.open("s3://lake/sales", settings)) {
 *     for (ObjectInfo o : lake.list("orders/", "*.parquet")) { lake.download(o.key(), spool.resolve(o.name())); }
 *     lake.upload(localFile, "orders/_hygge_staging/run-1/part-0.parquet", WriteMode.CREATE_NEW);
 * }
 * }</pre>
 *
 * <p>Errors are {@link StoreException}s (or {@link HomeException}s where a Home reads) that name the
 * location and key and never hold a secret; a missing container or bucket, and refused credentials,
 * say so in words.
 *
 * @since 0.4
 */
public interface ObjectStore extends AutoCloseable {
    /** The location for messages: {@code s3://lake/sales}, never with a secret. */
    String describe();

    /**
     * Whether folders exist in their own right (ADLS Gen2, OneLake, local disk): a folder can be
     * renamed as one, and an empty folder remains. Flat stores (Blob, S3) only have key prefixes.
     */
    boolean hierarchical();

    /**
     * Whether {@link #rename} is one atomic step at the store (a hierarchical namespace's rename,
     * a local move); where not, a commit copies and deletes ({@code docs/object-stores.md}).
     */
    boolean atomicRename();

    /**
     * Every object whose key starts with {@code prefix} (all depths), sorted by key. An empty
     * prefix lists the whole location; a prefix that matches nothing gives an empty list.
     */
    List<ObjectInfo> list(String prefix);

    /**
     * The objects under {@code prefix} whose key relative to it matches {@code glob}
     * ({@link ObjectKeys#matches}: {@code *} within a segment, {@code **} across them).
     */
    default List<ObjectInfo> list(String prefix, String glob) {
        return list(prefix).stream()
                .filter(o -> ObjectKeys.matches(glob, o.key().substring(prefix.length())))
                .toList();
    }

    /**
     * The names of the folders directly below {@code prefix} (a key prefix ending in {@code /}, or
     * {@code ""}): each first key segment after it that more segments follow, once, sorted. What
     * {@code entities: "*"} lists. The default derives them from {@link #list(String)}; a store with
     * delimiter listings may answer without listing every object.
     *
     * @since 0.5
     */
    default List<String> folders(String prefix) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (ObjectInfo o : list(prefix)) {
            String rest = o.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    /** The object's description, or empty when there is none. */
    Optional<ObjectInfo> stat(String key);

    /**
     * Streams the bytes {@code [offset, offset + length)} of the object (fewer at its end); the
     * caller closes the stream.
     */
    InputStream open(String key, long offset, long length);

    /** Streams the whole object. */
    default InputStream open(String key) {
        return open(key, 0, Long.MAX_VALUE);
    }

    /**
     * Copies the object into a local file (replaced if present): what a Home's bounded read-ahead
     * spool does. Implementations may fetch ranges in parallel.
     */
    default void download(String key, Path file) {
        try (InputStream in = open(key)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not download " + describe() + "/" + key + " to " + file, e);
        }
    }

    /**
     * Uploads a local file under {@code key}: in blocks or parts sent in parallel where the store
     * has them, visible only once complete (an upload cut short leaves no object, or, on S3, an
     * unfinished multipart upload that is aborted on failure and that a bucket's lifecycle rule
     * removes after a crash).
     *
     * @throws ObjectExistsException under {@link WriteMode#CREATE_NEW} when the key holds an object
     */
    void upload(Path file, String key, WriteMode mode);

    /** Writes a small object (a journal, a manifest, a lock) in one request. */
    void put(byte[] content, String key, WriteMode mode);

    /** Removes the object; an absent one is not an error. */
    void delete(String key);

    /** Removes every object under the prefix (a staging folder); on a hierarchical store, the folder too. */
    default void deletePrefix(String prefix) {
        for (ObjectInfo o : list(prefix)) {
            delete(o.key());
        }
    }

    /** Copies an object inside the location, at the store (no bytes through this process), replacing {@code to}. */
    void copy(String from, String to);

    /**
     * Renames an object (or, on a hierarchical store, a folder); atomic where {@link #atomicRename}.
     * Fails when {@code to} exists. The default, for flat stores, is not supported: a commit there
     * copies and deletes instead.
     *
     * @throws UnsupportedOperationException where the store has no rename
     * @throws ObjectExistsException when {@code to} exists
     */
    default void rename(String from, String to) {
        throw new UnsupportedOperationException(describe() + " has no rename (flat namespace): copy and delete");
    }

    /**
     * Takes the one-writer hold on a destination, through the object {@code key} (created if absent),
     * waiting up to {@code wait} while another holder has it.
     *
     * @throws StoreException naming the holder when it is not free within {@code wait}
     */
    WriterLease lease(String key, DestinationLock.Holder holder, Duration wait);

    /** Releases connections and threads. Idempotent. */
    @Override
    void close();
}
