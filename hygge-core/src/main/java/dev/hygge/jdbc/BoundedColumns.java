package dev.hygge.jdbc;

import static dev.hygge.jdbc.TableWriter.execute;

import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlColumn;
import dev.hygge.schema.SqlType;
import dev.hygge.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns one write loads, held to their lengths as values arrive ({@code on_overflow}): a value
 * longer than a bounded column allows either fails the load, naming the override that would fit it
 * ({@code fail}), or widens the column of the load table, which the commit then widens on the
 * target too ({@code widen}). Nothing is ever truncated. Only for a dialect whose database refuses
 * or cuts such values ({@link SqlDialect#enforcesLengths}).
 */
final class BoundedColumns {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SqlDialect dialect;
    private final InferenceOptions inference;
    private final String at;
    private final SqlColumn[] columns;
    private final boolean checked;
    private final Set<String> widened = new LinkedHashSet<>();

    /** @param at the table written, for messages */
    BoundedColumns(SqlDialect dialect, InferenceOptions inference, List<SqlColumn> load, String at) {
        this.dialect = dialect;
        this.inference = inference;
        this.at = at;
        this.columns = load.toArray(new SqlColumn[0]);
        this.checked = dialect.enforcesLengths() && load.stream().anyMatch(c -> c.type().bounded());
    }

    /** Whether values are checked at all: the database enforces lengths and a column has one. */
    boolean checked() {
        return checked;
    }

    /** Fails, naming the column, its limit and the override to set, when a value of {@code batch} does not fit. */
    void checkFits(VectorSchemaRoot batch) {
        for (int c = 0; c < columns.length; c++) {
            SqlColumn column = columns[c];
            long longest = longestOver(batch, c, column);
            if (longest >= 0) {
                String unit = column.type().family() == SqlType.Family.BINARY ? "bytes" : "characters";
                throw new StoreException(at + ": column '" + column.name() + "' is " + column.type().ddl()
                        + " (at most " + column.type().length() + " " + unit + ") and a value of " + longest + " "
                        + unit + " arrived. Set on_overflow: widen to grow the column, or schema_overrides: {"
                        + column.name() + ": " + dialect.typeMapper().widen(column.type(), longest, inference).ddl() + "}");
            }
        }
    }

    /**
     * Widens on {@code loadTable}, through {@code control}, each column a value of {@code batch} does
     * not fit. The caller holds the write's lock on {@code control} and runs no load meanwhile.
     */
    synchronized void widenFor(VectorSchemaRoot batch, Connection control, TableName loadTable) throws SQLException {
        for (int c = 0; c < columns.length; c++) {
            SqlColumn column = columns[c];
            long longest = longestOver(batch, c, column);
            if (longest < 0) {
                continue;
            }
            SqlType wider = dialect.typeMapper().widen(column.type(), longest, inference);
            SqlColumn next = column.withType(wider, "widened for a value of " + longest);
            execute(control, dialect.alterColumnType(loadTable, next));
            LOG.info("{}: widened column '{}' from {} to {} for a value of {}", at, column.name(), column.type().ddl(),
                    wider.ddl(), longest);
            columns[c] = next;
            widened.add(column.name());
        }
    }

    /** The columns as they are now (widened ones with their new types), in load order. */
    synchronized List<SqlColumn> current() {
        return List.of(columns);
    }

    /** Whether the write widened {@code column}. */
    synchronized boolean widened(String column) {
        return widened.contains(column);
    }

    private long longestOver(VectorSchemaRoot batch, int c, SqlColumn column) {
        if (!column.type().bounded()) {
            return -1;
        }
        return CheckedReader.longestOver(batch.getVector(c), batch.getRowCount(), column.type(), column.type().length(),
                dialect::textLength);
    }
}
