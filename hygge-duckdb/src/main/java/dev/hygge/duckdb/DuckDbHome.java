package dev.hygge.duckdb;

import dev.hygge.spi.HomeException;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.NarrowingReader;
import dev.hygge.spi.Split;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a DuckDB table or query as Arrow batches, streaming: the result is exported through the
 * Arrow C stream interface batch by batch ({@code jdbc_stream_results}), never held whole.
 *
 * <pre>{@code
 * hygge.flow("export").from("duckdb", Map.of("path", "warehouse.duckdb", "table", "orders"))
 *      .to("parquet", Map.of("path", "lake/orders")).run();
 * }</pre>
 */
public final class DuckDbHome implements Home {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbHome.class);

    private final DuckDbDatabase database;
    private final boolean ownsDatabase;
    private final String sql;
    private final int batchSize;

    DuckDbHome(DuckDbDatabase database, boolean ownsDatabase, String sql, int batchSize) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.sql = sql;
        this.batchSize = batchSize;
    }

    @Override
    public String describe() {
        return "duckdb " + database.path() + ": " + sql;
    }

    @Override
    public List<Split> splits() {
        return List.of(new DuckDbSplit(sql));
    }

    @Override
    public ArrowReader open(Split split, BufferAllocator allocator) {
        String query = ((DuckDbSplit) split).sql();
        DuckDBConnection connection = null;
        PreparedStatement statement = null;
        DuckDBResultSet result = null;
        try {
            connection = database.duplicate();
            try (Statement large = connection.createStatement()) {
                // large (64-bit offset) strings and lists cannot overflow a batch: past 2 GB of strings in one
                // batch DuckDB threw inside the Arrow stream callback and aborted the JVM; NarrowingReader
                // hands them on with regular offsets, in slices of at most 256 MB
                large.execute("SET arrow_large_buffer_size = true");
            }
            statement = connection.prepareStatement(query);
            result = (DuckDBResultSet) statement.executeQuery();
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, batchSize);
            LOG.debug("{}: streaming {}", database.path(), query);
            ArrowReader stream = ForwardingReader.closing(allocator, reader, result, statement, connection);
            try {
                return NarrowingReader.of(allocator, stream, NarrowingReader.DEFAULT_MAX_BATCH_BYTES);
            } catch (IOException | RuntimeException e) {
                ForwardingReader.closeQuietly(stream);
                throw new HomeException("DuckDB " + database.path() + ": reading " + query + " failed: " + e.getMessage(), e);
            }
        } catch (SQLException | RuntimeException e) {
            ForwardingReader.closeQuietly(result);
            ForwardingReader.closeQuietly(statement);
            ForwardingReader.closeQuietly(connection);
            throw new HomeException("DuckDB " + database.path() + ": running " + query + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}
