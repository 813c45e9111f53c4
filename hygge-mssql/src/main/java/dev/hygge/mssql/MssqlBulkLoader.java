package dev.hygge.mssql;

import com.microsoft.sqlserver.jdbc.ISQLServerConnection;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;
import dev.hygge.spi.Transfers;
import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an Arrow stream into a SQL Server table with {@code SQLServerBulkCopy}, one transaction
 * per {@code batch_size} rows. Each worker keeps the batches of its current bulk-copy transaction
 * until that transaction commits, so after a transient fault (deadlock victim, dropped
 * connection) it rolls back, takes a new connection and sends the same rows again: nothing is
 * lost and nothing is written twice.
 *
 * <pre>{@code
 * BulkLoader loader = new MssqlBulkLoader(connection, dialect, 102_400, null, 0, new TransientFaults(3, Duration.ofSeconds(1)), "dbo.users");
 * }</pre>
 *
 * <p>{@code table_lock}: {@code null} (auto) takes {@code TABLOCK} only for a heap without indexes,
 * where it is a bulk-update (BU) lock that parallel bulk copies share. On a clustered
 * columnstore each bulk copy already writes its own rowgroups, and on a clustered rowstore index
 * {@code TABLOCK} is an exclusive lock that serialises the streams; auto leaves it off there.
 */
final class MssqlBulkLoader implements BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlBulkLoader.class);

    private final MssqlConnection pool;
    private final MssqlDialect dialect;
    private final int batchSize;
    private final Boolean tableLock;
    private final int timeoutSeconds;
    private final TransientFaults faults;
    private final String where;
    private final Map<TableName, Boolean> heaps = new ConcurrentHashMap<>();
    private final BulkCopy copy;

    /** Sends the rows of one view into a table on a connection, inside the connection's transaction. */
    interface BulkCopy {
        long copy(Connection connection, TableName table, List<String> columns, ArrowBulkData data, boolean lock)
                throws SQLException;
    }

    MssqlBulkLoader(MssqlConnection pool, MssqlDialect dialect, int batchSize, Boolean tableLock, int timeoutSeconds,
                    TransientFaults faults, String where) {
        this(pool, dialect, batchSize, tableLock, timeoutSeconds, faults, where, null);
    }

    /** With another way of sending rows (tests send them through plain JDBC to see transactions at work). */
    MssqlBulkLoader(MssqlConnection pool, MssqlDialect dialect, int batchSize, Boolean tableLock, int timeoutSeconds,
                    TransientFaults faults, String where, BulkCopy copy) {
        this.copy = copy != null ? copy : this::bulkCopy;
        this.pool = pool;
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.tableLock = tableLock;
        this.timeoutSeconds = timeoutSeconds;
        this.faults = faults;
        this.where = where;
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        Connection[] current = {connection};
        List<VectorSchemaRoot> held = new ArrayList<>();
        long loaded = 0;
        try {
            Schema schema = batches.getVectorSchemaRoot().getSchema();
            boolean lock = tableLock != null ? tableLock : heaps.computeIfAbsent(table, t -> isBareHeap(connection, t));
            long heldRows = 0;
            int transaction = 0;
            while (batches.loadNextBatch()) {
                VectorSchemaRoot root = batches.getVectorSchemaRoot();
                if (root.getRowCount() == 0) {
                    continue;
                }
                heldRows += root.getRowCount();
                held.add(Transfers.takeOut(root, root.getVector(0).getAllocator())); // the write owns what it loads
                if (heldRows >= batchSize) {
                    loaded += send(current, table, columns, schema, held, lock, ++transaction);
                    release(held);
                    heldRows = 0;
                }
            }
            if (!held.isEmpty()) {
                loaded += send(current, table, columns, schema, held, lock, ++transaction);
            }
            return loaded;
        } catch (java.io.IOException e) {
            throw new SQLException(where + ": reading the next batch failed: " + e.getMessage(), e);
        } finally {
            release(held);
            if (current[0] != connection) {
                current[0].close();
            }
        }
    }

    /** One bulk-copy transaction of the held rows, retried on transient faults on a fresh connection. */
    private long send(Connection[] current, TableName table, List<String> columns, Schema schema,
                      List<VectorSchemaRoot> held, boolean lock, int transaction) throws SQLException {
        String what = where + " " + table + " transaction " + transaction;
        return faults.run(what, attempt -> {
            Connection connection = current[0];
            connection.setAutoCommit(false);
            try {
                ArrowBulkData data = ArrowBulkData.over(schema, held);
                long rows = copy.copy(connection, table, columns, data, lock);
                connection.commit();
                connection.setAutoCommit(true);
                return rows;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }, failure -> {
            Connection broken = current[0];
            try {
                broken.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{}: closing a failed connection: {}", where, e.getMessage());
            }
            pool.evict(broken); // after a fault it may be broken: the pool opens a fresh one instead
            current[0] = pool.connection();
        });
    }

    /** The driver's bulk copy, in the connection's transaction. */
    private long bulkCopy(Connection connection, TableName table, List<String> columns, ArrowBulkData data, boolean lock)
            throws SQLException {
        try (SQLServerBulkCopy bulk = new SQLServerBulkCopy(connection.unwrap(ISQLServerConnection.class))) {
            bulk.setBulkCopyOptions(options(lock));
            bulk.setDestinationTableName(dialect.qualify(table));
            for (int i = 0; i < columns.size(); i++) {
                bulk.addColumnMapping(i + 1, columns.get(i)); // the driver brackets it
            }
            bulk.writeToServer(data);
        }
        return data.rowsRead();
    }

    private SQLServerBulkCopyOptions options(boolean lock) throws SQLException {
        SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
        options.setBatchSize(0); // the held rows are one batch, in this connection's transaction
        options.setUseInternalTransaction(false);
        options.setTableLock(lock);
        options.setKeepNulls(true);
        options.setBulkCopyTimeout(timeoutSeconds);
        return options;
    }

    /** A heap without any index: the one case where TABLOCK lets parallel bulk copies share a BU lock. */
    private boolean isBareHeap(Connection connection, TableName table) {
        String sql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(?) AND index_id > 0)"
                + " THEN 0 ELSE 1 END";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, dialect.qualify(table));
            try (ResultSet rs = st.executeQuery()) {
                boolean heap = rs.next() && rs.getInt(1) == 1;
                LOG.debug("{}: {} is {}; TABLOCK {}", where, table, heap ? "a heap" : "indexed", heap ? "on" : "off");
                return heap;
            }
        } catch (SQLException e) {
            LOG.debug("{}: could not read the indexes of {} ({}); TABLOCK off", where, table, e.getMessage());
            return false;
        }
    }


    private static void release(List<VectorSchemaRoot> held) {
        held.forEach(VectorSchemaRoot::close);
        held.clear();
    }
}
