package dev.hygge.spi;

/**
 * A {@link Connection} that can prove it reaches what it names, for {@code hygge debug}: a pool
 * borrows one connection and asks the server, a database file runs one query. A connection that
 * is not one of these counts as working once it is opened.
 *
 * <pre>{@code
 * if (connection instanceof SupportsConnectionTest testable) {
 *     out.println(connection.name() + ": " + testable.test());   // "SQL Server answered in 12 ms"
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SupportsConnectionTest {
    /**
     * Reaches the server or file once and says, briefly and without secrets, what answered.
     *
     * @throws dev.hygge.spi.HyggeException when it cannot be reached; the message names the connection
     *     and holds no secret
     */
    String test();
}
