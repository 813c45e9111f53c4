package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

/**
 * Where a Store of a flow writes, as the Store's own rules resolve it, so that a project's flows can
 * be checked against each other before anything runs ({@link StoreFactory#destination}).
 *
 * <pre>{@code
 * // duckdb: "orders", "\"orders\"" and "main.orders" all resolve to one table
 * new Destination("duckdb /data/w.duckdb main.orders", "table \"orders\" in w.duckdb", true);
 * }</pre>
 *
 * @param key the destination after the Store's rules (absolute path, case folding, quoting, default
 *     schema): two writes with equal keys write the same thing
 * @param shown the destination as the user wrote it, for messages
 * @param append whether this write only adds (rows or files) to what is there: two appends into one
 *     destination are allowed (the {@link DestinationLock} serialises them); anything else that
 *     shares a destination is a configuration error
 * @since 0.1
 */
public record Destination(String key, String shown, boolean append) {
    public Destination {
        requireNonNull(key, "key is null");
        requireNonNull(shown, "shown is null");
    }
}
