package dev.hygge.duckdb;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/**
 * Loads Arrow batches into a DuckDB table through the Arrow C stream interface: the stream is
 * exported (no copy), registered on the connection and inserted with one
 * {@code INSERT INTO t (…) SELECT * FROM stream}. No row-by-row inserts.
 *
 * <pre>{@code
 * BulkLoader loader = new ArrowStreamLoader(new DuckDbDialect(), allocator);
 * }</pre>
 */
public final class ArrowStreamLoader implements BulkLoader {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final SqlDialect dialect;
    private final BufferAllocator allocator;

    /** @param allocator where the C stream structs are allocated (the batches are not copied) */
    public ArrowStreamLoader(SqlDialect dialect, BufferAllocator allocator) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        String name = "hygge_arrow_" + SEQUENCE.incrementAndGet();
        // exported buffers are handed to the export's allocator: take the batches' own when there is one
        BufferAllocator exporting = allocator;
        try {
            var vectors = batches.getVectorSchemaRoot().getFieldVectors();
            if (!vectors.isEmpty()) {
                exporting = vectors.get(0).getAllocator();
            }
        } catch (java.io.IOException e) {
            throw new SQLException("reading the stream's schema failed: " + e.getMessage(), e);
        }
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(exporting)) {
            Data.exportArrayStream(exporting, batches, stream);
            duck.registerArrowStream(name, stream);
            try (Statement statement = connection.createStatement()) {
                return statement.executeLargeUpdate("INSERT INTO " + dialect.qualify(table) + " ("
                        + dialect.columnList(columns) + ") SELECT * FROM " + dialect.quote(name));
            }
        }
    }
}
