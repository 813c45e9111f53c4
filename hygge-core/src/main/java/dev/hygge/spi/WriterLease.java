package dev.hygge.spi;

/**
 * The one writer's hold on a destination in an object store: a lease on a blob (Azure), a lock
 * object created with {@code If-None-Match: *} and kept fresh (S3), a {@link DestinationLock} on
 * local disk. Held from a Store's {@code begin} to its commit or abort; a holder that dies lets it
 * lapse (a lease or lock object after its time to live, an OS lock at once), so a killed run
 * never blocks the destination for good.
 *
 * <pre>{@code
 * try (WriterLease lease = store.lease("lake/orders/_hygge.lock", holder, Duration.ofSeconds(30))) {
 *     ... stage, lease.check(), commit ...
 * }
 * }</pre>
 *
 * @since 0.4
 */
public interface WriterLease extends AutoCloseable {
    /**
     * Fails when the lease was lost (not renewed in time, broken by someone else): a writer checks
     * before it commits, so it never commits without holding the destination.
     *
     * @throws StoreException naming the destination when the lease is no longer held
     */
    void check();

    /** Releases the lease. Idempotent. */
    @Override
    void close();
}
