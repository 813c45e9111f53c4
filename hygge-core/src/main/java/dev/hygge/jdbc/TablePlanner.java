package dev.hygge.jdbc;

import static java.util.Objects.requireNonNull;

import dev.hygge.schema.InferredSchema;
import dev.hygge.schema.SchemaInference;
import dev.hygge.schema.SqlColumn;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import dev.hygge.spi.WriteRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a table write will do, apart from the write: inspects the table as it is, infers
 * the source's columns, and decides the columns rows are loaded into, what schema evolution adds,
 * and the DDL ({@link TablePlan}). It reads the database and writes nothing, takes no lock and
 * keeps no connection, so {@code hygge debug} and {@code Hygge.plan} use it as the
 * {@link TableWriter} does when a write begins (there under the table's lock, so the plan is the
 * one applied).
 *
 * <pre>{@code
 * TablePlanner planner = writer.planner();
 * TablePlan plan = planner.plan(request);    // opens one connection, reads, closes it
 * System.out.println(plan.describe());
 * }</pre>
 */
public final class TablePlanner {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SqlDialect dialect;
    private final ConnectionSource connections;
    private final TableWriteOptions options;
    private final String where;

    /** @param where what is written, for messages ({@code "Store 'duckdb' warehouse.duckdb"}) */
    TablePlanner(SqlDialect dialect, ConnectionSource connections, TableWriteOptions options, String where) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.options = requireNonNull(options, "options is null");
        this.where = requireNonNull(where, "where is null");
    }

    /**
     * Decides what a write of {@code request} would do on a connection of its own.
     *
     * @throws ConfigException for bad overrides or keys
     * @throws StoreException when the table exists and cannot take the rows (if_exists fail,
     *     incompatible columns, a NOT NULL column the source lacks) or the database cannot be read
     */
    public TablePlan plan(WriteRequest request) {
        try (Connection connection = connections.open()) {
            return plan(connection, request);
        } catch (SQLException e) {
            throw new StoreException(where + ": reading the table definition failed: " + dialect.errorLine(e), e);
        }
    }

    /** The table {@code request} writes, its schema resolved as {@code connection} resolves it. */
    TableName table(Connection connection, WriteRequest request) throws SQLException {
        return dialect.resolve(connection, options.tableName(request.name()));
    }

    /** {@link #plan(WriteRequest)} on {@code connection}, which it reads and leaves open. */
    TablePlan plan(Connection connection, WriteRequest request) throws SQLException {
        if (request.schema().getFields().isEmpty()) {
            throw new StoreException(where + ": the source has no columns; a table needs at least one");
        }
        TableName table = table(connection, request);
        String at = where + " table " + table;
        if (table.table().equalsIgnoreCase(StateSql.TABLE)) {
            throw new StoreException(at + ": " + StateSql.TABLE + " is where table Stores keep incremental state; write"
                    + " the rows into a table of another name");
        }
        IfExists ifExists = ifExists(request);
        InferredSchema inferred = SchemaInference.builder(dialect.typeMapper())
                .options(options.schemaInference)
                .overrides(options.schemaOverrides)
                .where(at)
                .build()
                .infer(request.schema(), request.sample());
        List<SqlColumn> existing = dialect.columns(connection, table);
        boolean exists = !existing.isEmpty();
        if (exists && options.ifExists == IfExists.FAIL) {
            throw new StoreException(at + " exists and if_exists is fail; nothing was written. Use if_exists: append,"
                    + " replace or truncate, or drop the table");
        }
        List<SqlColumn> load = new ArrayList<>();
        List<SqlColumn> added = new ArrayList<>();
        List<String> ddl = new ArrayList<>();
        if (exists && ifExists != IfExists.REPLACE) {
            intoExisting(at, table, inferred, existing, load, added, ddl);
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
        return new TablePlan(table, exists, inferred, existing, load, added, ddl, ifExists, options.writeStrategy,
                ifExists != options.ifExists);
    }

    /**
     * Whether the rows of {@code request} go into its table as it is, with no column to infer: the
     * table exists, {@code if_exists} keeps it ({@code append}, {@code truncate}; an incremental
     * {@code replace}), and every source field has a column of that name. Reads the table's columns.
     */
    boolean takesAsIs(Connection connection, WriteRequest request) throws SQLException {
        IfExists ifExists = ifExists(request);
        if (ifExists != IfExists.APPEND && ifExists != IfExists.TRUNCATE || request.schema().getFields().isEmpty()) {
            return false;
        }
        List<SqlColumn> existing = dialect.columns(connection, table(connection, request));
        return !existing.isEmpty() && request.schema().getFields().stream().allMatch(f -> find(existing, f.getName()) != null);
    }

    /**
     * What {@code if_exists} does for {@code request}: as configured, except that an incremental
     * run's rows are what changed since the last watermark, so {@code replace} and {@code truncate}
     * add them as {@code append} does (and {@code merge} stays a merge) rather than drop the rows
     * loaded before.
     */
    IfExists ifExists(WriteRequest request) {
        boolean drops = options.ifExists == IfExists.REPLACE || options.ifExists == IfExists.TRUNCATE;
        return request.incremental() && drops ? IfExists.APPEND : options.ifExists;
    }

    /**
     * The rows go into the table as it is: each source column into the table's column of that
     * name, a column the table lacks added (nullable), and every mismatch reported at once.
     */
    private void intoExisting(String at, TableName table, InferredSchema inferred, List<SqlColumn> existing,
                              List<SqlColumn> load, List<SqlColumn> added, List<String> ddl) {
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
    }

    /** The column named {@code name}: spelled so, else the one column that matches ignoring case. */
    static SqlColumn find(List<SqlColumn> columns, String name) {
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
}
