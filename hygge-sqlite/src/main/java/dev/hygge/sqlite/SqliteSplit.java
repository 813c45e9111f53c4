package dev.hygge.sqlite;

import dev.hygge.spi.Split;
import java.util.List;

/**
 * The one split of a SQLite read: its SELECT and the watermark bound to its parameter, if any.
 * One, because a SQLite file is read by one statement at a time per connection and a second
 * connection would read the same pages again.
 */
record SqliteSplit(String sql, String description, List<SqliteWatermark> parameters) implements Split {
    SqliteSplit {
        parameters = List.copyOf(parameters);
    }

    @Override
    public String describe() {
        return description;
    }
}
