package dev.hygge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A dialect's fast path for rows: load every batch of an Arrow stream into a table that exists
 * (DuckDB: Arrow C stream + {@code INSERT … SELECT}; SQL Server: bulk copy). The
 * {@link TableWriter} decides where (staging or target) and when to commit.
 *
 * <pre>{@code
 * BulkLoader loader = (connection, table, columns, batches) -> {
 *     long rows = 0;
 *     while (batches.loadNextBatch()) { ... rows += batches.getVectorSchemaRoot().getRowCount(); }
 *     return rows;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface BulkLoader {
    /**
     * Loads {@code batches} into {@code table}.
     *
     * @param connection a connection of this load alone, in auto-commit mode
     * @param table where the rows go; it exists
     * @param columns the table's column names that the stream's fields fill, in stream field order
     * @param batches the rows; the loader may close it (closing does not close the flow's stream), and
     *     may read it on threads of the database's own (DuckDB's Arrow scan does): a cancelled or
     *     failed flow still ends the load, as the flow's stream fails its next read once the flow is
     *     cancelled, on whatever thread reads it
     * @return the rows loaded
     */
    long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException;
}
