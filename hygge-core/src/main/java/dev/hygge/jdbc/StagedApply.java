package dev.hygge.jdbc;

import static dev.hygge.jdbc.TablePlanner.find;
import static dev.hygge.jdbc.TableWriter.execute;

import dev.hygge.schema.SqlColumn;
import dev.hygge.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements that make a staging table's rows the table's, run by {@link TableWrite}'s commit
 * inside its transaction: {@code if_exists} and {@code write_strategy} choose them, the state goes
 * where a database that commits DDL at once keeps it with the rows, and a table that appeared
 * during the write is checked first.
 *
 * <pre>{@code
 * new StagedApply(dialect, control, plan, columns, stagingTable, options.keys, at).run(stateWrite);
 * control.commit();
 * }</pre>
 */
final class StagedApply {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SqlDialect dialect;
    private final Connection control;
    private final TablePlan plan;
    private final BoundedColumns columns;
    private final TableName loadTable;
    private final List<String> names;
    private final List<String> keys;
    private final String at;

    StagedApply(SqlDialect dialect, Connection control, TablePlan plan, BoundedColumns columns, TableName loadTable,
            List<String> keys, String at) {
        this.dialect = dialect;
        this.control = control;
        this.plan = plan;
        this.columns = columns;
        this.loadTable = loadTable;
        this.names = plan.loadNames();
        this.keys = keys;
        this.at = at;
    }

    /** Runs the statements on {@code control}, whose transaction the caller has begun and commits. */
    void run(StateWrite stateWrite) throws SQLException {
        TableName table = plan.table();
        boolean existsNow = dialect.tableExists(control, table);
        List<String> ddl = plan.ddl();
        if (existsNow && !plan.exists()) {
            ddl = appeared(table);
        }
        // In one transaction the order is free; it is chosen for databases that commit DDL at once
        // (MySQL): the state goes with the last DDL that makes the rows visible (a new table's rename),
        // or right after the DDL and before the row changes, which commit together.
        if (!existsNow) {
            stateWrite.apply(control, true);
            execute(control, dialect.renameTable(loadTable, table));
        } else if (plan.ifExists() == IfExists.REPLACE) {
            for (String statement : dialect.replaceTable(table, loadTable)) {
                execute(control, statement);
            }
            stateWrite.apply(control, true);
        } else {
            for (String statement : ddl) {
                execute(control, statement);
            }
            for (SqlColumn column : columns.current()) {
                if (columns.widened(column.name())) {
                    execute(control, dialect.alterColumnType(table, column));
                }
            }
            stateWrite.apply(control, plan.ifExists() == IfExists.TRUNCATE);
            if (plan.ifExists() == IfExists.TRUNCATE) {
                execute(control, dialect.truncate(table));
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
        for (SqlColumn column : columns.current()) {
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
        List<String> asInTable = new ArrayList<>();
        for (String key : keys) {
            SqlColumn column = find(plan.load(), key);
            asInTable.add(column != null ? column.name() : key);
        }
        return asInTable;
    }
}
