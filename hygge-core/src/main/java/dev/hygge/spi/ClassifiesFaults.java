package dev.hygge.spi;

/**
 * A {@link Home} or {@link Store} that can tell a transient fault (a dropped connection,
 * throttling, a deadlock victim, a serialization failure) from a lasting one. The engine retries a
 * flow that failed with a transient fault ({@code retries}, {@code retry_delay}, with backoff):
 * the failed attempt's write is aborted first, so its staging is gone and no row lands twice.
 *
 * @since 0.1
 */
public interface ClassifiesFaults {
    /**
     * Whether {@code error} (thrown by this Home or Store, with its causes) is transient: the same
     * flow, run again from the start, may succeed.
     */
    boolean isTransient(Throwable error);
}
