package dev.hygge.duckdb;

import static java.util.Objects.requireNonNull;

import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.RelationLoader;
import dev.hygge.jdbc.SqlDialect;
import dev.hygge.jdbc.TableName;
import dev.hygge.spi.EngineRelation;
import dev.hygge.spi.SupportsEngineWrite;
import dev.hygge.spi.WatchedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBPreparedStatement;

/**
 * The DuckDB Store's loader: Arrow streams through {@link ArrowStreamLoader}, and relations of
 * DuckDB inside DuckDB, {@code INSERT INTO t (...) SELECT * FROM (relation) r}, with the engine's
 * query progress reported and {@link Statement#cancel()} on a cancelled flow
 * ({@link WatchedStatement}). It takes relations of engine {@code duckdb} (they read files: any
 * DuckDB runs them) and of {@code duckdb@<its database>} (a table of the same database); a table of
 * another database file goes as Arrow batches.
 *
 * <pre>{@code
 * BulkLoader loader = new DuckDbRelationLoader(new ArrowStreamLoader(dialect, allocator), dialect, database);
 * }</pre>
 */
final class DuckDbRelationLoader implements RelationLoader {
    /** Relations any DuckDB runs (parquet, CSV and JSON files). */
    static final String ENGINE = "duckdb";

    private final BulkLoader arrow;
    private final SqlDialect dialect;
    private final String own;

    DuckDbRelationLoader(BulkLoader arrow, SqlDialect dialect, DuckDbDatabase database) {
        this.arrow = requireNonNull(arrow, "arrow is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
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
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET enable_progress_bar = true");          // DuckDB counts progress only with it on
            settings.execute("SET enable_progress_bar_print = false");
        }
        String sql = "INSERT INTO " + dialect.qualify(table) + " (" + dialect.columnList(columns) + ") SELECT * FROM ("
                + relation.sql() + ") r";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < relation.parameters().size(); i++) {
                statement.setObject(i + 1, relation.parameters().get(i));
            }
            DuckDBPreparedStatement duck = statement.unwrap(DuckDBPreparedStatement.class);
            return WatchedStatement.run(statement, statement::executeLargeUpdate,
                    () -> duck.getQueryProgress().getRowsProcessed(), progress, "Loading " + relation.describe());
        }
    }
}
