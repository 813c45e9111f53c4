package dev.hygge.spi;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Some of a Home's rows as a query of the engine the Home reads them with, so that a Store on the
 * same engine can copy them without an Arrow hand-off ({@link SupportsEngineRelation},
 * {@link SupportsEngineWrite}). The engine is a name both sides agree on ({@code "duckdb"}); core
 * never runs the query.
 *
 * <pre>{@code
 * EngineRelation relation = home.relation(splits);
 * // a DuckDB Store:  COPY (SELECT * FROM (<relation.sql()>) r) TO 'staged.parquet'
 * }</pre>
 *
 * @param engine the engine's name, as the Home's {@link SupportsEngineRelation#engine()} says it:
 *     {@code duckdb} for a query any DuckDB runs (it reads files), {@code duckdb@<database>} for one
 *     that only that database's instance runs (a table; {@code session} reaches it)
 * @param sql a query a connection of that engine can wrap as {@code SELECT * FROM (sql) r}; its
 *     {@code ?} placeholders are bound, in order, to {@code parameters}
 * @param parameters the values of the placeholders, as JDBC's {@code setObject} takes them
 * @param schema the Arrow schema of the rows as the Home's Arrow read gives them
 * @param rows how many rows the query yields, when the Home knows it before running it (parquet
 *     footers without a filter); a Store checks it wrote that many
 * @param session where the query must run, when only the Home's own instance can run it (a
 *     database file open in this process); empty when any connection of the engine can (files)
 * @param describe what the rows are, for logs and errors
 * @param check what the Home checks once the rows are loaded ({@link Check}); empty when nothing
 * @param slicer how the relation is cut into consecutive relations of a given number of rows
 *     ({@link #slices}), when the Home can tell before reading which rows those are (parquet
 *     footers without a filter); empty when it cannot
 * @since 0.3
 */
public record EngineRelation(String engine, String sql, List<Object> parameters, Schema schema, OptionalLong rows,
                             Optional<Session> session, String describe, Optional<Check> check, Optional<Slicer> slicer) {
    /** A relation whose Home checks nothing after the load. */
    public EngineRelation(String engine, String sql, List<Object> parameters, Schema schema, OptionalLong rows,
                          Optional<Session> session, String describe) {
        this(engine, sql, parameters, schema, rows, session, describe, Optional.empty());
    }

    /** A relation that cannot be cut by rows. */
    public EngineRelation(String engine, String sql, List<Object> parameters, Schema schema, OptionalLong rows,
                          Optional<Session> session, String describe, Optional<Check> check) {
        this(engine, sql, parameters, schema, rows, session, describe, check, Optional.empty());
    }

    public EngineRelation {
        requireNonNull(check, "check is null");
        requireNonNull(slicer, "slicer is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(session, "session is null");
        requireNonNull(describe, "describe is null");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // values may be null
    }

    /**
     * What the engine noted while it ran the relation and only the Home reads: DuckDB keeps the CSV
     * rows it could not read in tables of the connection that read them, and the Home's
     * {@code on_bad_row} decides (fail, warn, write them out). A Store calls it on the connection
     * that ran its load, after the load and before the write commits; a failure fails the load.
     *
     * @since 0.7
     */
    @FunctionalInterface
    public interface Check {
        /** Checks what running the relation on {@code connection} left there. */
        void loaded(Connection connection) throws SQLException;
    }

    /**
     * The relation's rows as consecutive relations of {@code rows} rows each (the last one fewer), in
     * the relation's order, together every row once; for a Store that cuts its files by rows.
     *
     * @throws IllegalStateException when the relation has no {@link #slicer}
     * @since 0.8
     */
    public List<EngineRelation> slices(long rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, was " + rows);
        }
        return slicer.orElseThrow(() -> new IllegalStateException(describe + ": the relation cannot be cut by rows"))
                .slices(rows);
    }

    /** Cuts a relation by rows ({@link #slices}). */
    @FunctionalInterface
    public interface Slicer {
        /** Consecutive relations of {@code rows} rows each (the last one fewer), every row once. */
        List<EngineRelation> slices(long rows);
    }

    /** Runs {@link #check}, if any, on {@code connection}, which ran this relation's load. */
    public void checkLoaded(Connection connection) throws SQLException {
        if (check.isPresent()) {
            check.get().loaded(connection);
        }
    }

    /** Connections of the Home's own engine instance; each caller closes what it opens. */
    @FunctionalInterface
    public interface Session {
        /** A new connection to the instance the relation runs on. */
        Connection connect() throws SQLException;

        /**
         * Runs {@code work}, a Store's copy of at most about one row group of the relation's rows, as the
         * instance runs such a small copy best; by default as it is. A DuckDB Home's database runs it on
         * one thread when nothing else of the process shares the instance (with two, DuckDB's COPY of
         * 100,000 rows to parquet took 83-213 ms, on one 60-83 ms: a row group is read by one thread).
         *
         * @since 0.7
         */
        default <T> T runSmall(Work<T> work) throws SQLException {
            return work.run();
        }
    }

    /** What {@link Session#runSmall} runs. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }
}
