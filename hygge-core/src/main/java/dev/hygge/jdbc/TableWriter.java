package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.ConfigException;
import dev.hygge.HyggeException;
import dev.hygge.StoreException;
import dev.hygge.schema.InferredSchema;
import dev.hygge.schema.SchemaInference;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import dev.hygge.spi.StoreWrite;
import dev.hygge.spi.WriteRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
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
 * written (logged). {@link #plan} decides everything without writing.
 */
public final class TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SqlDialect dialect;
    private final ConnectionSource connections;
    private final BulkLoader loader;
    private final TableWriteOptions options;
    private final BufferAllocator allocator;
    private final String where;

    private TableWriter(Builder builder) {
        this.dialect = builder.dialect;
        this.connections = builder.connections;
        this.loader = builder.loader;
        this.options = builder.options;
        this.allocator = builder.allocator;
        this.where = builder.where;
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

    /**
     * Decides what a write of {@code request} would do, reading the database but writing
     * nothing.
     *
     * @throws ConfigException for bad overrides or keys
     * @throws StoreException when the table exists and cannot take the rows (if_exists fail,
     *     incompatible columns, a NOT NULL column the source lacks) or the database cannot be read
     */
    public TablePlan plan(WriteRequest request) {
        try (Connection connection = connections.open()) {
            return plan(connection, request);
        } catch (SQLException e) {
            throw new StoreException(where + ": reading the table definition failed: " + e.getMessage(), e);
        }
    }

    /** Begins a write of {@code request}: plans it, logs the plan, and creates what rows are loaded into. */
    public StoreWrite begin(WriteRequest request) {
        Connection control = null;
        try {
            control = connections.open();
            control.setAutoCommit(true);
            TablePlan plan = plan(control, request);
            LOG.info("{}: {}", where, plan.describe().strip());
            TableWrite write = new TableWrite(plan, control, token(request.runId()));
            write.prepare();
            return write;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(control);
            if (e instanceof HyggeException h) {
                throw h;
            }
            throw new StoreException(where + ": preparing the table failed, nothing was written: " + e.getMessage(), e);
        }
    }

    private TablePlan plan(Connection connection, WriteRequest request) throws SQLException {
        if (request.schema().getFields().isEmpty()) {
            throw new StoreException(where + ": the source has no columns; a table needs at least one");
        }
        TableName table = options.tableName(request.name());
        table = table.withDefaultSchema(dialect.currentSchema(connection));
        String at = where + " table " + table;
        SchemaInference inference = SchemaInference.builder(dialect.typeMapper())
                .options(options.schemaInference)
                .overrides(options.schemaOverrides)
                .where(at)
                .build();
        InferredSchema inferred = inference.infer(request.schema(), request.sample());
        List<SqlColumn> existing = dialect.columns(connection, table);
        boolean exists = !existing.isEmpty();
        List<SqlColumn> load = new ArrayList<>();
        List<SqlColumn> added = new ArrayList<>();
        List<String> ddl = new ArrayList<>();
        boolean keepTable = exists && options.ifExists != IfExists.REPLACE;
        if (exists && options.ifExists == IfExists.FAIL) {
            throw new StoreException(at + " exists and if_exists is fail; nothing was written. Use if_exists: append,"
                    + " replace or truncate, or drop the table");
        }
        if (keepTable) {
            List<String> problems = new ArrayList<>();
            for (SqlColumn source : inferred.columns()) {
                SqlColumn match = find(existing, source.name());
                if (match == null) {
                    SqlColumn add = source.withNullable(true).withType(source.type(), "new in the source: added to the table");
                    added.add(add);
                    load.add(add);
                    ddl.add(dialect.addColumn(table, add));
                } else {
                    if (!match.type().family().accepts(source.type().family())) {
                        problems.add("column '" + match.name() + "' is " + match.type().ddl() + " but the source has "
                                + source.type().ddl() + " (" + source.type().family().name().toLowerCase(Locale.ROOT) + ")");
                    }
                    load.add(match);
                }
            }
            for (SqlColumn column : existing) {
                if (!column.nullable() && inferred.columns().stream().noneMatch(s -> matches(column.name(), s.name()))) {
                    problems.add("NOT NULL column '" + column.name() + "' is missing from the source");
                }
            }
            if (!problems.isEmpty()) {
                throw new StoreException(at + " exists with columns the source cannot be written to: "
                        + String.join("; ", problems) + ". Nothing was written; use if_exists: replace, or align the"
                        + " source (schema_overrides, a query) with the table");
            }
            if (!added.isEmpty()) {
                LOG.info("{}: schema evolution adds {} column(s): {}", at, added.size(),
                        added.stream().map(c -> c.name() + " " + c.type().ddl()).toList());
            }
        } else {
            load.addAll(inferred.columns());
            ddl.add(dialect.createTable(table, load));
        }
        for (String key : options.keys) {
            if (inferred.columns().stream().noneMatch(c -> c.name().equals(key))) {
                throw new ConfigException(at + ": merge key '" + key + "' is not a source column; source columns are "
                        + inferred.names());
            }
        }
        return new TablePlan(table, exists, inferred, existing, load, added, ddl, options.ifExists, options.writeStrategy);
    }

    private static SqlColumn find(List<SqlColumn> columns, String name) {
        for (SqlColumn column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        SqlColumn found = null;
        for (SqlColumn column : columns) {
            if (column.name().equalsIgnoreCase(name)) {
                if (found != null) {
                    return null;
                }
                found = column;
            }
        }
        return found;
    }

    private static boolean matches(String tableColumn, String sourceColumn) {
        return tableColumn.equals(sourceColumn) || tableColumn.equalsIgnoreCase(sourceColumn);
    }

    private static String token(String runId) {
        String run = runId.replaceAll("[^A-Za-z0-9]", "");
        String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        return (run.length() > 8 ? run.substring(run.length() - 8) : run) + random.substring(0, Math.min(6, random.length()));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        LOG.debug("{}", sql);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed", e);
            }
        }
    }

    /** One write: the staging table or the target, the streams loading it, the final transaction. */
    private final class TableWrite implements StoreWrite {
        private final TablePlan plan;
        private final Connection control;
        private final boolean staged;
        private final TableName loadTable;
        private final List<String> names;
        private final SqlColumn[] columns;
        private final boolean checkLengths;
        private final Set<String> widened = new LinkedHashSet<>();
        private final AtomicLong rows = new AtomicLong();
        private final String at;
        private boolean prepared;
        private volatile boolean committed;
        private volatile boolean aborted;
        private boolean closed;

        TableWrite(TablePlan plan, Connection control, String token) {
            this.plan = plan;
            this.control = control;
            this.staged = plan.strategy() != WriteStrategy.DIRECT_INSERT;
            this.loadTable = staged ? dialect.stagingTable(plan.table(), token) : plan.table();
            this.names = plan.loadNames();
            this.columns = plan.load().toArray(new SqlColumn[0]);
            this.checkLengths = dialect.enforcesLengths() && plan.load().stream().anyMatch(c -> c.type().bounded());
            this.at = where + " table " + plan.table();
        }

        void prepare() throws SQLException {
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
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(true);
                long loaded = 0;
                if (checkLengths && options.onOverflow == OnOverflow.WIDEN) {
                    // one load per batch, so no statement is running on the table while a column is altered
                    while (stream.loadNextBatch()) {
                        widenFor(stream.getVectorSchemaRoot());
                        loaded += load(connection, new CheckedReader(allocator, stream, b -> { }, true));
                    }
                } else if (loader.pullsOnOtherThreads()) {
                    loaded = relay(connection, stream);
                } else {
                    loaded = load(connection, new CheckedReader(allocator, stream, checkLengths ? this::checkFits : b -> { }, false));
                }
                rows.addAndGet(loaded);
                return loaded;
            }
        }

        /**
         * Runs the loader on a thread of its own and feeds it from this one (the flow's thread), so
         * a failed or cancelled input reaches the loader, however the database reads.
         */
        private long relay(Connection connection, ArrowReader stream) throws Exception {
            VectorSchemaRoot first = stream.getVectorSchemaRoot();
            BufferAllocator vectors = first.getFieldVectors().isEmpty() ? allocator
                    : first.getFieldVectors().get(0).getAllocator();
            RelayReader relay = new RelayReader(vectors, first.getSchema());
            java.util.concurrent.FutureTask<Long> statement = new java.util.concurrent.FutureTask<>(
                    () -> loader.load(connection, loadTable, names, relay));
            Thread thread = new Thread(statement, "hygge-load " + loadTable);
            thread.setDaemon(true);
            thread.start();
            long handed = 0;
            try {
                boolean open = true;
                while (open && stream.loadNextBatch()) {
                    VectorSchemaRoot batch = stream.getVectorSchemaRoot();
                    if (checkLengths) {
                        checkFits(batch);
                    }
                    int rowCount = batch.getRowCount();
                    open = relay.put(batch, statement::isDone);
                    handed += open ? rowCount : 0;
                }
                if (open) {
                    relay.end(statement::isDone);
                }
            } catch (Throwable t) {
                relay.fail(t);
                awaitQuietly(statement);
                throw t;
            } finally {
                awaitQuietly(statement);
                relay.close();
            }
            long loaded;
            try {
                loaded = statement.get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof HyggeException h) {
                    throw h;
                }
                throw new StoreException(at + ": loading rows into " + loadTable + " failed: " + cause.getMessage(), cause);
            }
            if (loaded != handed) {
                throw new StoreException(at + ": the loader reports " + loaded + " row(s) written into " + loadTable
                        + " but " + handed + " were read");
            }
            return loaded;
        }

        private void awaitQuietly(java.util.concurrent.FutureTask<Long> statement) {
            boolean interrupted = false;
            while (true) {
                try {
                    statement.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
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
                throw new StoreException(at + ": loading rows into " + loadTable + " failed: " + e.getMessage(), e);
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

        private void checkFits(VectorSchemaRoot batch) {
            for (int c = 0; c < columns.length; c++) {
                SqlColumn column = columns[c];
                if (column.type().bounded()) {
                    long longest = CheckedReader.longestOver(batch.getVector(c), batch.getRowCount(), column.type(),
                            column.type().length(), dialect::textLength);
                    if (longest >= 0) {
                        String unit = column.type().family() == SqlType.Family.BINARY ? "bytes" : "characters";
                        throw new StoreException(at + ": column '" + column.name() + "' is " + column.type().ddl()
                                + " (at most " + column.type().length() + " " + unit + ") and a value of " + longest + " "
                                + unit + " arrived. Set on_overflow: widen to grow the column, or schema_overrides: {"
                                + column.name() + ": " + dialect.typeMapper().widen(column.type(), longest,
                                        options.schemaInference).ddl() + "}");
                    }
                }
            }
        }

        private void widenFor(VectorSchemaRoot batch) throws SQLException {
            synchronized (this) {
                for (int c = 0; c < columns.length; c++) {
                    SqlColumn column = columns[c];
                    if (!column.type().bounded()) {
                        continue;
                    }
                    long longest = CheckedReader.longestOver(batch.getVector(c), batch.getRowCount(), column.type(),
                            column.type().length(), dialect::textLength);
                    if (longest < 0) {
                        continue;
                    }
                    SqlType wider = dialect.typeMapper().widen(column.type(), longest, options.schemaInference);
                    SqlColumn next = column.withType(wider, "widened for a value of " + longest);
                    execute(control, dialect.alterColumnType(loadTable, next));
                    LOG.info("{}: widened column '{}' from {} to {} for a value of {}", at, column.name(),
                            column.type().ddl(), wider.ddl(), longest);
                    columns[c] = next;
                    widened.add(column.name());
                }
            }
        }

        @Override
        public synchronized void commit() throws Exception {
            if (committed) {
                throw new IllegalStateException(at + ": committed twice");
            }
            if (aborted) {
                throw new IllegalStateException(at + ": commit after abort");
            }
            if (!staged) {
                committed = true;
                closeQuietly(control);
                LOG.info("{}: {} row(s) written directly", at, rows.get());
                return;
            }
            TableName table = plan.table();
            try {
                control.setAutoCommit(false);
                boolean existsNow = dialect.tableExists(control, table);
                List<String> ddl = plan.ddl();
                if (existsNow && !plan.exists()) {
                    ddl = appeared(table);
                }
                if (!existsNow) {
                    execute(control, dialect.renameTable(loadTable, table));
                } else if (plan.ifExists() == IfExists.REPLACE) {
                    execute(control, dialect.dropTable(table));
                    execute(control, dialect.renameTable(loadTable, table));
                } else {
                    if (plan.ifExists() == IfExists.TRUNCATE) {
                        execute(control, dialect.truncate(table));
                    }
                    for (String statement : ddl) {
                        execute(control, statement);
                    }
                    for (SqlColumn column : columns) {
                        if (widened.contains(column.name())) {
                            execute(control, dialect.alterColumnType(table, column));
                        }
                    }
                    if (plan.strategy() == WriteStrategy.MERGE && plan.ifExists() == IfExists.APPEND) {
                        for (String statement : dialect.merge(table, loadTable, names, keysAsInTable())) {
                            execute(control, statement);
                        }
                    } else {
                        execute(control, dialect.insertSelect(table, loadTable, names));
                    }
                    execute(control, dialect.dropTable(loadTable));
                }
                control.commit();
                committed = true;
                LOG.info("{}: {} row(s) committed ({} {})", at, rows.get(), plan.strategy().name().toLowerCase(Locale.ROOT),
                        plan.ifExists().name().toLowerCase(Locale.ROOT));
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                dropStaging();
                aborted = true;
                if (e instanceof HyggeException h) {
                    throw h;
                }
                throw new StoreException(at + ": applying the staged rows failed; the table is as it was: "
                        + e.getMessage(), e);
            } finally {
                // the write is over either way: release the connection now rather than wait for close()
                closeQuietly(control);
            }
        }

        /**
         * The table did not exist when the write began and does now (another flow of the run
         * created it): under fail that is an error; under replace it is replaced; otherwise the
         * staged rows go into it as into any existing table. Returns the DDL that adds the
         * staged columns it lacks.
         */
        private List<String> appeared(TableName table) throws SQLException {
            if (plan.ifExists() == IfExists.FAIL) {
                throw new StoreException(at + " was created by someone else during the write and if_exists is fail;"
                        + " nothing was changed");
            }
            List<String> ddl = new ArrayList<>();
            if (plan.ifExists() == IfExists.REPLACE) {
                return ddl;
            }
            List<SqlColumn> current = dialect.columns(control, table);
            List<String> problems = new ArrayList<>();
            for (SqlColumn column : columns) {
                SqlColumn match = find(current, column.name());
                if (match == null) {
                    ddl.add(dialect.addColumn(table, column));
                } else if (!match.name().equals(column.name())) {
                    problems.add("column '" + match.name() + "' is spelled '" + column.name() + "' in the source");
                } else if (!match.type().family().accepts(column.type().family())) {
                    problems.add("column '" + match.name() + "' is " + match.type().ddl() + " but the source has "
                            + column.type().ddl());
                }
            }
            for (SqlColumn column : current) {
                if (!column.nullable() && find(plan.load(), column.name()) == null) {
                    problems.add("NOT NULL column '" + column.name() + "' is missing from the source");
                }
            }
            if (!problems.isEmpty()) {
                throw new StoreException(at + " was created by someone else during the write, with columns the staged"
                        + " rows cannot be written to: " + String.join("; ", problems) + ". Nothing was changed");
            }
            LOG.info("{}: the table was created during the write; the staged rows are added to it", at);
            return ddl;
        }

        private List<String> keysAsInTable() {
            List<String> keys = new ArrayList<>();
            for (String key : options.keys) {
                SqlColumn column = find(plan.load(), key);
                keys.add(column != null ? column.name() : key);
            }
            return keys;
        }

        private void rollbackQuietly() {
            try {
                control.rollback();
            } catch (SQLException e) {
                LOG.warn("{}: rollback failed: {}", at, e.getMessage());
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
                LOG.warn("{}: dropping staging table {} failed; drop it by hand: {}", at, loadTable, e.getMessage());
            }
        }

        @Override
        public synchronized void abort() {
            if (aborted || committed) {
                return;
            }
            aborted = true;
            if (staged) {
                dropStaging();
                LOG.info("{}: write aborted, staging table dropped; the table is as it was", at);
            } else if (rows.get() > 0) {
                LOG.warn("{}: write aborted; direct_insert already wrote {} row(s), which stay in the table", at, rows.get());
            }
            closeQuietly(control);
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

    /** Builds a {@link TableWriter}; every setting is required except {@code where}. */
    public static final class Builder {
        private final SqlDialect dialect;
        private ConnectionSource connections;
        private BulkLoader loader;
        private TableWriteOptions options;
        private BufferAllocator allocator;
        private String where;

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

        public TableWriter build() {
            requireNonNull(connections, "connections is null");
            requireNonNull(loader, "loader is null");
            requireNonNull(options, "options is null");
            requireNonNull(allocator, "allocator is null");
            if (where == null) {
                where = "Store '" + dialect.name() + "'";
            }
            options.validate(where);
            return new TableWriter(this);
        }
    }
}
