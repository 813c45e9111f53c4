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
 *
 * @since 0.1
 */
public interface SupportsState {
    /**
     * The value committed under {@code key} for this destination, or empty when none was (the first
     * run, or a destination dropped since). Reads the destination; takes no lock; writes nothing.
     */
    Optional<String> committedState(String key);
}
