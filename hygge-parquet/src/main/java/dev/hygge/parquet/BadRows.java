package dev.hygge.parquet;

import dev.hygge.spi.ForwardingReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/**
 * The Arrow read of one CSV file, doing what {@code on_bad_row} says ({@link RejectedRows}) with
 * the rows DuckDB's reader could not read once the file is read to its end: DuckDB
 * ({@code store_rejects = true}) lists them in its {@code reject_errors} table, per connection,
 * and the read's connection read this file alone.
 */
final class BadRows extends ForwardingReader {
    private final DuckDBConnection connection;
    private final Path file;
    private final RejectedRows rejected;
    private boolean checked;

    BadRows(BufferAllocator allocator, ArrowReader source, DuckDBConnection connection, Path file, RejectedRows rejected) {
        super(allocator, source);
        this.connection = connection;
        this.file = file;
        this.rejected = rejected;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (super.loadNextBatch()) {
            return true;
        }
        if (!checked) {
            checked = true;
            rejected.check(connection, "reject_errors", List.of(file));
        }
        return false;
    }
}
