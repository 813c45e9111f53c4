package dev.hygge.spi;

/**
 * A named connection shared by every Home and Store of a run that names it (a pool, a database
 * file). Opened once by the runtime, closed when the run ends.
 *
 * @since 0.1
 */
public interface Connection extends AutoCloseable {
    /** The connection's name in the project. */
    String name();

    /** Idempotent. */
    @Override
    void close();
}
