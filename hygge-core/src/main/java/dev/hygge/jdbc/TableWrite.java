package dev.hygge.jdbc;

import static dev.hygge.jdbc.TableWriter.closeQuietly;
import static dev.hygge.jdbc.TableWriter.execute;

import dev.hygge.spi.HyggeException;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.SupportsEngineWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write of a {@link TableWriter}, applying its {@link TablePlan}: the staging table or the
 * target prepared, the streams loading it (values held to the columns' lengths by
 * {@link BoundedColumns}), the final transaction (whose statements for a staging table are
 * {@link StagedApply}'s), and the destination's lock, held from {@code begin} until commit or abort.
 */
final class TableWrite implements SupportsEngineWrite.EngineWrite {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SqlDialect dialect;
    private final ConnectionSource connections;
    private final BulkLoader loader;
    private final TransactionCommit commits;
    private final TableWriteOptions options;
    private final BufferAllocator allocator;
    private final String where;
    private final DestinationLock lock;
    private final TablePlan plan;
    private final Connection control;
    private final boolean staged;
    /** Rows go into the table itself on {@code control}, inside the transaction the commit ends. */
    private final boolean inTransaction;
    private final TableName loadTable;
    private final List<String> names;
    private final BoundedColumns columns;
    private final AtomicLong rows = new AtomicLong();
    private final String at;
    private final String runId;
    private boolean prepared;
    private volatile boolean committed;
    private volatile boolean aborted;
    private boolean closed;

    /**
     * @param oneTransaction whether the write may load the table inside the transaction that commits it
     *     (one stream, an incremental run, a dialect that {@linkplain SqlDialect#loadsInTransaction can});
     *     it does when it appends with {@code temp_swap} into an existing table whose values need no widening
     */
    TableWrite(TableWriter writer, TablePlan plan, Connection control, String token, DestinationLock lock, String runId,
               boolean oneTransaction) {
        this.dialect = writer.dialect();
        this.connections = writer.connections();
        this.loader = writer.loader();
        this.commits = writer.commits();
        this.options = writer.options();
        this.allocator = writer.allocator();
        this.where = writer.where();
        this.lock = lock;
        this.plan = plan;
        this.control = control;
        this.names = plan.loadNames();
        this.at = where + " table " + plan.table();
        this.runId = runId;
        this.columns = new BoundedColumns(dialect, options.schemaInference, plan.load(), at);
        this.inTransaction = oneTransaction && plan.strategy() == WriteStrategy.TEMP_SWAP && plan.exists()
                && plan.ifExists() == IfExists.APPEND && !(columns.checked() && options.onOverflow == OnOverflow.WIDEN);
        this.staged = plan.strategy() != WriteStrategy.DIRECT_INSERT && !inTransaction;
        this.loadTable = staged ? dialect.stagingTable(plan.table(), token) : plan.table();
    }

    void prepare() throws SQLException {
        if (inTransaction) {
            // the state table is made outside the transaction (as StateWrite does): two writes of one schema may both make it
            StateWrite.createTable(dialect, plan.table(), control, at);
            control.setAutoCommit(false);
            for (String statement : plan.ddl()) {
                execute(control, statement);
            }
            prepared = true;
            return;
        }
        if (staged) {
            execute(control, dialect.createTable(loadTable, plan.load()));
            prepared = true;
            return;
        }
        LOG.warn("{}: write_strategy direct_insert writes straight into the table; if the flow fails, the rows"
                + " already written stay there", at);
        if (plan.exists() && plan.ifExists() == IfExists.REPLACE) {
            LOG.warn("{}: direct_insert with if_exists replace drops the table before loading", at);
            execute(control, dialect.dropTable(plan.table()));
        } else if (plan.exists() && plan.ifExists() == IfExists.TRUNCATE) {
            execute(control, dialect.truncate(plan.table()));
        }
        for (String statement : plan.ddl()) {
            execute(control, statement);
        }
        prepared = true;
    }

    @Override
    public long consume(ArrowReader stream) throws Exception {
        if (committed || aborted) {
            throw new IllegalStateException(at + ": write already " + (committed ? "committed" : "aborted"));
        }
        if (inTransaction) {
            synchronized (this) {          // abort() rolls back on this connection: never while it loads
                long loaded = load(control, new CheckedReader(allocator, stream, columns.checked() ? columns::checkFits : b -> { },
                        false));
                rows.addAndGet(loaded);
                return loaded;
            }
        }
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(true);
            long loaded = 0;
            if (columns.checked() && options.onOverflow == OnOverflow.WIDEN) {
                // one load per batch, so no statement is running on the table while a column is altered
                while (stream.loadNextBatch()) {
                    synchronized (this) {
                        columns.widenFor(stream.getVectorSchemaRoot(), control, loadTable);
                    }
                    loaded += load(connection, new CheckedReader(allocator, stream, b -> { }, true));
                }
            } else {
                loaded = load(connection, new CheckedReader(allocator, stream,
                        columns.checked() ? columns::checkFits : b -> { }, false));
            }
            rows.addAndGet(loaded);
            return loaded;
        }
    }

    /**
     * Loads {@code relation} where {@link #consume} loads a stream, with the loader's
     * {@link RelationLoader} (the Store takes relations only then, and only when no value needs
     * checking against a column's length: {@link TableWriter#whyNoRelation}).
     */
    @Override
    public long load(EngineRelation relation, SupportsEngineWrite.Progress progress) throws Exception {
        RelationLoader relations = (RelationLoader) loader;
        return loadRelation(relation, (connection, into) -> {
            long loaded = relations.load(connection, into, names, relation, progress);
            rows.addAndGet(loaded);
            return loaded;
        });
    }

    /** Loads {@code relation} as {@link #load(EngineRelation, SupportsEngineWrite.Progress)} does, tracking {@code watermark}. */
    @Override
    public EngineWatermark.Seen load(EngineRelation relation, EngineWatermark watermark, SupportsEngineWrite.Progress progress)
            throws Exception {
        RelationLoader relations = (RelationLoader) loader;
        return loadRelation(relation, (connection, into) -> {
            EngineWatermark.Seen seen = relations.load(connection, into, names, relation, watermark, progress);
            rows.addAndGet(seen.written());
            return seen;
        });
    }

    @FunctionalInterface
    private interface RelationLoad<T> {
        T load(Connection connection, TableName into) throws SQLException;
    }

    /** Runs {@code work} on the write's transaction, or on a connection of its own in auto-commit. */
    private <T> T loadRelation(EngineRelation relation, RelationLoad<T> work) throws Exception {
        if (committed || aborted) {
            throw new IllegalStateException(at + ": write already " + (committed ? "committed" : "aborted"));
        }
        try {
            if (inTransaction) {
                synchronized (this) {
                    return work.load(control, loadTable);
                }
            }
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(true);
                return work.load(connection, loadTable);
            }
        } catch (SQLException e) {
            throw new StoreException(at + ": loading " + relation.describe() + " into " + loadTable + " failed" + (inTransaction
                    ? " inside the write's transaction, which is rolled back: the table and its state are as it was" : "")
                    + ": " + dialect.errorLine(e), e);
        }
    }

    private long load(Connection connection, CheckedReader reader) throws SQLException, java.io.IOException {
        long loaded;
        try {
            loaded = loader.load(connection, loadTable, names, reader);
        } catch (SQLException | RuntimeException e) {
            if (reader.failure() != null) {
                throw reader.failure();
            }
            if (e instanceof HyggeException h) {
                throw h;
            }
            throw new StoreException(at + ": loading rows into " + loadTable + " failed" + (inTransaction
                    ? " inside the write's transaction, which is rolled back: the table and its state are as it was" : "")
                    + ": " + dialect.errorLine(e), e);
        } finally {
            reader.close();
        }
        if (reader.failure() != null) {
            throw reader.failure();
        }
        if (loaded != reader.rows()) {
            throw new StoreException(at + ": the loader reports " + loaded + " row(s) written into " + loadTable
                    + " but " + reader.rows() + " were read");
        }
        return loaded;
    }

    @Override
    public void commit() throws Exception {
        commit(Map.of());
    }

    /**
     * Applies the staged rows and {@code state} ({@link StateWrite}) in one transaction; under
     * {@code direct_insert} the rows are in the table already and the state follows them in a
     * transaction of its own.
     */
    @Override
    public synchronized void commit(Map<String, String> state) throws Exception {
        if (committed) {
            throw new IllegalStateException(at + ": committed twice");
        }
        if (aborted) {
            throw new IllegalStateException(at + ": commit after abort");
        }
        StateWrite stateWrite = new StateWrite(dialect, plan.table(), state, runId, at);
        boolean anew = !plan.exists() || plan.ifExists() == IfExists.REPLACE || plan.ifExists() == IfExists.TRUNCATE;
        if (inTransaction) {
            commitInTransaction(stateWrite, state);
            return;
        }
        if (!staged) {
            commitDirect(stateWrite, anew);
            return;
        }
        try {
            stateWrite.prepare(control, anew);
            control.setAutoCommit(false);
            new StagedApply(dialect, control, plan, columns, loadTable, options.keys, at).run(stateWrite);
            commits.commit(control);
            committed = true;
            LOG.info("{}: {} row(s) committed ({} {}{})", at, rows.get(), plan.strategy().name().toLowerCase(Locale.ROOT),
                    plan.ifExists().name().toLowerCase(Locale.ROOT), stateWrite.keepsValues() ? ", state " + state.keySet() : "");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            dropStaging();
            aborted = true;
            if (e instanceof HyggeException h) {
                throw h;
            }
            throw new StoreException(at + ": applying the staged rows failed; the table" + (stateWrite.keepsValues()
                    ? " and its state are" : " is") + " as it was: " + dialect.errorLine(e), e);
        } finally {
            // the write is over either way: release the connection and the table now rather than wait for close()
            closeQuietly(control);
            lock.close();
        }
    }

    /** The rows are in the table, uncommitted, in {@code control}'s transaction: the state joins them, then one commit. */
    private void commitInTransaction(StateWrite stateWrite, Map<String, String> state) {
        try {
            stateWrite.present();         // prepare() made the state table before the transaction began
            stateWrite.apply(control, false);
            commits.commit(control);
            committed = true;
            LOG.info("{}: {} row(s) committed ({} {} in one transaction{})", at, rows.get(),
                    plan.strategy().name().toLowerCase(Locale.ROOT), plan.ifExists().name().toLowerCase(Locale.ROOT),
                    stateWrite.keepsValues() ? ", state " + state.keySet() : "");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            aborted = true;
            if (e instanceof HyggeException h) {
                throw h;
            }
            throw new StoreException(at + ": committing the rows failed; the table" + (stateWrite.keepsValues()
                    ? " and its state are" : " is") + " as it was: " + dialect.errorLine(e), e);
        } finally {
            closeQuietly(control);
            lock.close();
        }
    }

    /**
     * {@code direct_insert}: the rows are committed as they load, so the state can only follow
     * them; a failure in between leaves the rows without it (said in the message and the docs).
     */
    private void commitDirect(StateWrite stateWrite, boolean anew) {
        try {
            stateWrite.prepare(control, anew);
            control.setAutoCommit(false);
            stateWrite.apply(control, anew);
            commits.commit(control);
            committed = true;
            LOG.info("{}: {} row(s) written directly", at, rows.get());
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            aborted = true;
            if (e instanceof HyggeException h) {
                throw h;
            }
            throw new StoreException(at + ": the rows are in the table (direct_insert writes them as they load), but"
                    + " committing the state with them failed: " + dialect.errorLine(e), e);
        } finally {
            closeQuietly(control);
            lock.close();
        }
    }

    private void rollbackQuietly() {
        try {
            control.rollback();
        } catch (SQLException e) {
            LOG.warn("{}: rollback failed: {}", at, dialect.errorLine(e));
        }
    }

    private void dropStaging() {
        if (!staged || !prepared) {
            return;
        }
        try {
            control.setAutoCommit(true);
            execute(control, dialect.dropTableIfExists(loadTable));
        } catch (SQLException e) {
            LOG.warn("{}: dropping staging table {} failed ({}); the next write of the table drops it", at, loadTable,
                    dialect.errorLine(e));
        }
    }

    @Override
    public synchronized void abort() {
        if (aborted || committed) {
            return;
        }
        aborted = true;
        if (inTransaction) {
            rollbackQuietly();
            LOG.info("{}: write aborted, its transaction rolled back; the table is as it was", at);
        } else if (staged) {
            dropStaging();
            LOG.info("{}: write aborted, staging table dropped; the table is as it was", at);
        } else if (rows.get() > 0) {
            LOG.warn("{}: write aborted; direct_insert already wrote {} row(s), which stay in the table", at, rows.get());
        }
        closeQuietly(control);
        lock.close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            abort();
        }
    }
}
