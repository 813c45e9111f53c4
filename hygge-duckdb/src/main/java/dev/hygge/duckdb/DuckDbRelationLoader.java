package dev.hygge.duckdb;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.RelationLoader;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.jdbc.WatermarkAggregate;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.EngineWatermark;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WatchedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSet;

/**
 * The DuckDB Store's loader: Arrow streams through {@link ArrowStreamLoader}, and relations of
 * DuckDB inside DuckDB, {@code INSERT INTO t (...) SELECT * FROM (relation) r}, with the engine's
 * query progress reported and {@link Statement#cancel()} on a cancelled flow
 * ({@link WatchedStatement}). It takes relations of engine {@code duckdb} (they read files: any
 * DuckDB runs them) and of {@code duckdb@<its database>} (a table of the same database); a table of
 * another database file goes as Arrow batches. A flow with a watermark tracks it in the same
 * transaction as the insert ({@link WatermarkAggregate#ask}).
 *
 * <pre>{@code
 * BulkLoader loader = new DuckDbRelationLoader(new ArrowStreamLoader(dialect, allocator), dialect, database, allocator);
 * }</pre>
 */
final class DuckDbRelationLoader implements RelationLoader {
    /** Relations any DuckDB runs (parquet, CSV and JSON files). */
    static final String ENGINE = "duckdb";
    /** DuckDB's row group: a load of at most this many rows runs on one thread ({@link DuckDbDatabase#onOneThread}). */
    static final long ROW_GROUP_ROWS = 122_880;

    private final BulkLoader arrow;
    private final SqlDialect dialect;
    private final String own;
    private final DuckDbDatabase database;
    private final BufferAllocator allocator;

    /** @param allocator where the tracked watermark's one-row Arrow export is read ({@link WatermarkAggregate#ask}) */
    DuckDbRelationLoader(BulkLoader arrow, SqlDialect dialect, DuckDbDatabase database, BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.arrow = requireNonNull(arrow, "arrow is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.database = database;
        this.own = engine(database);
    }

    /** The engine name of relations that only {@code database}'s instance runs: {@code duckdb@<file>}. */
    static String engine(DuckDbDatabase database) {
        return ENGINE + "@" + database.identity();
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        return arrow.load(connection, table, columns, batches);
    }

    @Override
    public Optional<String> whyNoRelation(String engine) {
        if (engine.equals(ENGINE) || engine.equals(own)) {
            return Optional.empty();
        }
        return Optional.of(engine.startsWith(ENGINE + "@") ? "the Home reads another DuckDB database ("
                + engine.substring(ENGINE.length() + 1) + ")" : "it loads with duckdb, the Home reads with " + engine);
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, EngineRelation relation,
                     SupportsEngineWrite.Progress progress) throws SQLException {
        return insert(connection, table, columns, relation, null, relation.rows().orElse(Long.MAX_VALUE), progress);
    }

    @Override
    public Optional<String> whyNoWatermark(String engine) {
        return whyNoRelation(engine);
    }

    /**
     * The relation's watermark aggregate ({@link WatermarkAggregate#ask}), then its rows inserted, in one
     * transaction, so both see one snapshot of the tables they read (in the write's own transaction
     * when it loads inside it; else in one of this load's connection, committed at its end).
     */
    @Override
    public EngineWatermark.Seen load(Connection connection, TableName table, List<String> columns, EngineRelation relation,
                                     EngineWatermark watermark, SupportsEngineWrite.Progress progress) throws SQLException {
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            WatermarkAggregate aggregate = WatermarkAggregate.ask(connection, relation, watermark, dialect.quote(watermark.column()),
                    DuckDbRelationLoader::arrowExport, allocator, progress);
            long written = insert(connection, table, columns, relation, aggregate.filtersNulls(watermark) ? watermark.column() : null,
                    aggregate.rows(), progress);
            if (ownTransaction) {
                connection.commit();
            }
            return aggregate.seen(written);
        } catch (SQLException | RuntimeException e) {
            if (ownTransaction) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (ownTransaction) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * {@code INSERT INTO table (columns) SELECT * FROM (relation) r}, without the rows whose {@code notNull} is NULL;
     * on one thread when it is known to hold no more than a row group ({@code rows}).
     */
    private long insert(Connection connection, TableName table, List<String> columns, EngineRelation relation, String notNull,
                        long rows, SupportsEngineWrite.Progress progress) throws SQLException {
        return rows <= ROW_GROUP_ROWS ? database.onOneThread(() -> insert(connection, table, columns, relation, notNull, progress))
                : insert(connection, table, columns, relation, notNull, progress);
    }

    private long insert(Connection connection, TableName table, List<String> columns, EngineRelation relation, String notNull,
                        SupportsEngineWrite.Progress progress) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET enable_progress_bar = true");          // DuckDB counts progress only with it on
            settings.execute("SET enable_progress_bar_print = false");
        }
        String sql = "INSERT INTO " + dialect.qualify(table) + " (" + dialect.columnList(columns) + ") SELECT * FROM ("
                + relation.sql() + ") r" + (notNull == null ? "" : " WHERE r." + dialect.quote(notNull) + " IS NOT NULL");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < relation.parameters().size(); i++) {
                statement.setObject(i + 1, relation.parameters().get(i));
            }
            DuckDBPreparedStatement duck = statement.unwrap(DuckDBPreparedStatement.class);
            long loaded = WatchedStatement.run(statement, statement::executeLargeUpdate,
                    () -> duck.getQueryProgress().getRowsProcessed(), progress, "Loading " + relation.describe());
            relation.checkLoaded(connection);   // the Home's word on what the insert's scan noted (CSV bad rows)
            return loaded;
        }
    }

    /** DuckDB's Arrow export of an aggregate's one row. */
    static ArrowReader arrowExport(ResultSet result, BufferAllocator allocator) throws SQLException {
        return (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, 1);
    }
}
