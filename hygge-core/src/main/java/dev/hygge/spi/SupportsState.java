package dev.hygge.spi;

import java.util.Map;
import java.util.Optional;

/**
 * A {@link Store} that keeps small named values (an incremental load's watermark) committed
 * together with the data: in the same transaction where the Store is a database, in the same
 * commit where it is a folder. So a crash at any moment leaves data and state agreeing: the next
 * run neither skips rows nor loads them twice into a Store that merges.
 *
 * <p>The engine reads the state before the write ({@link #committedState}) and hands the new
 * values to {@link StoreWrite#commit(Map)}. Its factory implements {@link StoreFactory.KeepsState}.
 * State belongs to one destination (the table or folder a write of that flow and entity lands in):
 * two entities of one Store keep theirs apart.
 *
 * <pre>{@code
 * if (store instanceof SupportsState state) {
 *     Optional<String> last = state.committedState("orders", Optional.of("dbo.orders"), "watermark");
 *     ...
 *     write.commit(Map.of("watermark", next.text()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SupportsState {
    /**
     * The value committed under {@code key} for the destination a write of {@code flow} and
     * {@code entity} lands in (as {@link WriteRequest#flow()} and {@link WriteRequest#entity()} name
     * them), or empty when none was (the first run, or a destination dropped since). Reads the
     * destination; takes no lock; writes nothing; creates nothing.
     */
    Optional<String> committedState(String flow, Optional<String> entity, String key);
}
