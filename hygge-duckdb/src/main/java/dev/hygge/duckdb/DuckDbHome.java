package dev.hygge.duckdb;

import dev.hygge.HomeException;
import dev.hygge.spi.ForwardingReader;
import dev.hygge.spi.Home;
import dev.hygge.spi.Split;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
            statement = connection.prepareStatement(query);
            result = (DuckDBResultSet) statement.executeQuery();
            ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, batchSize);
            LOG.debug("{}: streaming {}", database.path(), query);
            return ForwardingReader.closing(allocator, reader, result, statement, connection);
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
