package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.HyggeException;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.DestinationLock;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Arrow streams into a SQL table by the shared rules of every table Store: schema
 * inference for a new table, {@code if_exists} × {@code write_strategy}, schema evolution under
 * {@code append}, and {@code on_overflow}. A dialect supplies the SQL, a {@link BulkLoader} the
 * fast path for rows.
 *
 * <pre>{@code
 * TableWriter writer = TableWriter.builder(dialect)
 *         .connections(() -> database.duplicate())
 *         .loader(new ArrowStreamLoader())
 *         .options(options)                 // table, if_exists, write_strategy, keys, overrides...
 *         .allocator(allocator)
 *         .where("Store 'duckdb' " + path)
 *         .database("duckdb " + canonicalPath)  // with the table's canonical name: the lock key
 *         .singleProcess(true)                  // DuckDB: one process per file
 *         .build();
 * // in a Store:
 * public long sampleRows() { return writer.sampleRows(); }
 * public StoreWrite begin(WriteRequest request) { return writer.begin(request); }
 * }</pre>
 *
 * <p>{@code temp_swap} (default) and {@code merge} load a staging table, then apply it in one
 * transaction: a new table is the renamed staging table; {@code append} inserts from staging
 * ({@code merge}: deletes the rows whose keys are staged, then inserts); {@code replace} drops the
 * table and renames staging; {@code truncate} empties the table and inserts; {@code fail} fails if
 * the table exists. On any failure the staging table is dropped and the table is as it was.
 * {@code direct_insert} loads the table itself: fastest, and a failure leaves the rows already
 * written (logged). The {@link #planner()} decides all of that without writing, and each write
 * applies what it decides.
 *
 * <p>One writer per table: {@link #begin} takes the table's {@link DestinationLock} (the
 * database and {@link SqlDialect#canonicalName}, so every spelling of one table is one key) and
 * the write holds it until it commits or aborts. Under the lock, the staging tables interrupted
 * writes of that table left are dropped first ({@link StagingSweep}), then the table is planned
 * ({@link TablePlanner}: inspect, decide) and the {@link TableWrite} applies the plan (staging,
 * load, commit or abort).
 *
 * <p>State an incremental load keeps (its watermark, {@link dev.hygge.spi.StoreWrite#commit(java.util.Map)})
 * goes into the schema's {@code hygge_state} table ({@link StateSql}) in the same transaction that
 * applies the staged rows, so a crash or failure at any moment leaves the rows and the watermark
 * agreeing. {@code direct_insert} commits rows as they load: its state follows them, and a crash
 * in between leaves rows the next incremental run reads again. A single-stream incremental
 * {@code temp_swap} append into an existing table of a dialect that {@linkplain
 * SqlDialect#loadsInTransaction loads in a transaction} skips the staging table: the rows go into
 * the table inside the one transaction that then writes the state and commits (or rolls back). An incremental request
 * ({@link WriteRequest#incremental()}) never replaces or truncates: {@code replace} and
 * {@code truncate} act as {@code append}, {@code merge} stays a merge.
 */
public final class TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SqlDialect dialect;
    private final ConnectionSource connections;
    private final BulkLoader loader;
    private final TableWriteOptions options;
    private final BufferAllocator allocator;
    private final String where;
    private final String database;
    private final boolean singleProcess;
    private final TransactionCommit commits;
    private final TablePlanner planner;

    private TableWriter(Builder builder) {
        this.dialect = builder.dialect;
        this.connections = builder.connections;
        this.loader = builder.loader;
        this.options = builder.options;
        this.allocator = builder.allocator;
        this.where = builder.where;
        this.database = builder.database != null ? builder.database : builder.where;
        this.singleProcess = builder.singleProcess;
        this.commits = builder.commits;
        this.planner = new TablePlanner(dialect, connections, options, where);
    }

    public static Builder builder(SqlDialect dialect) {
        return new Builder(dialect);
    }

    /** What a Store returns from {@code sampleRows()}: the rows inference profiles. */
    public long sampleRows() {
        return options.schemaInference.sampleRows;
    }

    /** What a Store returns from {@code sampleBatches()}: {@code sample_batches} when set, else 0. */
    public int sampleBatches() {
        Integer batches = options.schemaInference.sampleBatches;
        return batches != null ? batches : 0;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public TableWriteOptions options() {
        return options;
    }

    ConnectionSource connections() {
        return connections;
    }

    BulkLoader loader() {
        return loader;
    }

    TransactionCommit commits() {
        return commits;
    }

    /**
     * Why a write of {@code request} cannot load relations of {@code engine}: the loader takes none
     * of it ({@link RelationLoader}), or values are checked against the columns' lengths as Arrow
     * batches arrive (bounded text columns, {@code on_overflow}); empty when it can.
     */
    public Optional<String> whyNoRelation(String engine, WriteRequest request) {
        if (!(loader instanceof RelationLoader relations)) {
            return Optional.of("its loader takes Arrow batches only");
        }
        Optional<String> refused = relations.whyNoRelation(engine);
        if (refused.isPresent()) {
            return refused;
        }
        if (dialect.enforcesLengths()) {
            return Optional.of("values are checked against the columns' lengths on Arrow batches");
        }
        return Optional.empty();
    }

    /** Why its writes cannot track a watermark while loading relations of {@code engine} ({@link RelationLoader#whyNoWatermark}). */
    public Optional<String> whyNoWatermark(String engine) {
        return loader instanceof RelationLoader relations ? relations.whyNoWatermark(engine)
                : Optional.of("its loader takes Arrow batches only");
    }

    BufferAllocator allocator() {
        return allocator;
    }

    String where() {
        return where;
    }

    /**
     * The key of {@code table}'s {@link DestinationLock}: the database and the table as the database
     * identifies it ({@link SqlDialect#canonicalName}), so every spelling of one table takes one lock.
     */
    public String lockKey(TableName table) {
        return database + " " + dialect.canonicalName(table);
    }

    /** What decides the plan of each write, usable without writing (dry runs, {@code hygge debug}). */
    public TablePlanner planner() {
        return planner;
    }

    /**
     * Whether a write of {@code request} wants its inference sample: not when the rows go into the
     * table as it is ({@code append}, {@code truncate}, or an incremental run's {@code replace}) and the
     * table has a column for every source field. The sample would then only be profiled to be set
     * aside: each column's type is the table's, the source's types are checked against them from
     * the schema alone ({@link TablePlanner}), and every batch is held to the columns' lengths as it
     * loads ({@code on_overflow}). So an incremental append begins at once instead of first reading
     * {@code sample_rows} rows. Nor when no field's type depends on sampled values
     * ({@link dev.hygge.schema.TypeMapper#readsSample}: DuckDB's). True when the table cannot be read (the
     * write's begin says why).
     */
    public boolean needsSample(WriteRequest request) {
        try (Connection connection = connections.open()) {
            return !planner.takesAsIs(connection, request)
                    && request.schema().getFields().stream().anyMatch(dialect.typeMapper()::readsSample);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{}: reading the table to decide the sample failed, sampling: {}", where, e.toString());
            return true;
        }
    }

    /**
     * Begins a write of {@code request}: takes the table's lock (waiting up to
     * {@link WriteRequest#lockWait()} for another writer of it), drops what interrupted writes of the
     * table left, plans, logs the plan, and creates what rows are loaded into. The lock is held until
     * the write commits or aborts.
     */
    public StoreWrite begin(WriteRequest request) {
        Connection control = null;
        DestinationLock lock = null;
        try {
            control = connections.open();
            control.setAutoCommit(true);
            TableName table = planner.table(control, request);
            lock = DestinationLock.acquire(where + " table " + table, lockKey(table), request.holder(), request.lockWait());
            StagingSweep.run(dialect, control, table, singleProcess, where + " table " + table);
            TablePlan plan = planner.plan(control, request);
            LOG.info("{}: {}", where, plan.describe().strip());
            TableWrite write = new TableWrite(this, plan, control, token(), lock, request.runId(),
                    request.incremental() && request.streams() == 1 && dialect.loadsInTransaction());
            write.prepare();
            return write;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(control);
            if (lock != null) {
                lock.close();
            }
            if (e instanceof HyggeException h) {
                throw h;
            }
            throw new StoreException(where + ": preparing the table failed, nothing was written: " + dialect.errorLine(e), e);
        }
    }

    /**
     * The state committed under {@code key} with the last write of {@code flow}/{@code entity}'s
     * table ({@link StateSql}); empty when the table or the state table does not exist, or holds no
     * such row. Reads on a connection of its own; takes no lock.
     */
    public Optional<String> committedState(String flow, Optional<String> entity, String key) {
        requireNonNull(key, "key is null");
        StateSql sql = dialect.stateSql();
        try (Connection connection = connections.open()) {
            TableName table = dialect.resolve(connection, options.tableName(entity.orElse(flow)));
            return sql.readCommitted(connection, table, key);
        } catch (SQLException e) {
            throw new StoreException(where + ": reading the state committed with the table failed: " + dialect.errorLine(e), e);
        }
    }

    /**
     * A staging table's part unique to one write: when it began (seconds, base 36, fixed width, so
     * a sweep can tell its age) and four random characters.
     */
    static String token() {
        String time = Long.toString(System.currentTimeMillis() / 1000, 36);
        String random = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        return "0".repeat(StagingSweep.TIME_DIGITS - time.length()) + time + "0".repeat(4 - random.length()) + random;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        LOG.debug("{}", sql);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed", e);
            }
        }
    }


    /** Builds a {@link TableWriter}; every setting is required except {@code where}. */
    public static final class Builder {
        private final SqlDialect dialect;
        private ConnectionSource connections;
        private BulkLoader loader;
        private TableWriteOptions options;
        private BufferAllocator allocator;
        private String where;
        private String database;
        private boolean singleProcess;
        private TransactionCommit commits = TransactionCommit.PLAIN;

        private Builder(SqlDialect dialect) {
            this.dialect = requireNonNull(dialect, "dialect is null");
        }

        public Builder connections(ConnectionSource connections) {
            this.connections = requireNonNull(connections, "connections is null");
            return this;
        }

        public Builder loader(BulkLoader loader) {
            this.loader = requireNonNull(loader, "loader is null");
            return this;
        }

        /** Validated in {@link #build()}. */
        public Builder options(TableWriteOptions options) {
            this.options = requireNonNull(options, "options is null");
            return this;
        }

        /** The allocator of the reader views handed to the loader (no buffers are allocated from it). */
        public Builder allocator(BufferAllocator allocator) {
            this.allocator = requireNonNull(allocator, "allocator is null");
            return this;
        }

        /** What is written, for messages ({@code "Store 'duckdb' warehouse.duckdb"}). */
        public Builder where(String where) {
            this.where = requireNonNull(where, "where is null");
            return this;
        }

        /**
         * The database written to, as exactly as the Store can name it ({@code "duckdb /data/w.duckdb"},
         * {@code "mssql sql.example.com:1433/analytics"}): the first half of each table's lock key.
         * Default: {@code where}.
         */
        public Builder database(String database) {
            this.database = requireNonNull(database, "database is null");
            return this;
        }

        /**
         * Whether the database admits one process at a time (DuckDB's file lock), so that under the
         * table's lock no other write of the table can be live: the staging tables of that table
         * left by interrupted writes are then dropped at once. Otherwise only those older than
         * {@link StagingSweep#STALE_AFTER} are, as another process may still be loading one.
         */
        public Builder singleProcess(boolean singleProcess) {
            this.singleProcess = singleProcess;
            return this;
        }

        /** How a write's last transaction commits ({@link TransactionCommit}); default {@link TransactionCommit#PLAIN}. */
        public Builder commits(TransactionCommit commits) {
            this.commits = requireNonNull(commits, "commits is null");
            return this;
        }

        public TableWriter build() {
            requireNonNull(connections, "connections is null");
            requireNonNull(loader, "loader is null");
            requireNonNull(options, "options is null");
            requireNonNull(allocator, "allocator is null");
            if (where == null) {
                where = "Store '" + dialect.name() + "'";
            }
            options.validate(where, dialect.typeMapper());
            return new TableWriter(this);
        }
    }
}
