package dev.hygge.mssql;

import static java.util.Objects.requireNonNull;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import microsoft.sql.DateTimeOffset;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A view over Arrow batches that {@code SQLServerBulkCopy} pulls rows from, without copying the
 * batches into rows first.
 *
 * <pre>{@code
 * try (SQLServerBulkCopy copy = new SQLServerBulkCopy(connection)) {
 *     copy.setDestinationTableName("[dbo].[users]");
 *     copy.writeToServer(ArrowBulkData.over(reader));          // every batch of an ArrowReader
 *     copy.writeToServer(ArrowBulkData.over(schema, batches)); // or batches held in memory
 * }
 * }</pre>
 *
 * <p>Each column is a {@link BulkValue}, which hands every value to the driver as the Java object its
 * bulk-copy writer expects for the JDBC type this view declares (see {@link MssqlTypes#bulkColumn}): integers as boxed integers of
 * the declared width, decimals as {@link BigDecimal} at the column's precision and scale, strings
 * as {@link String}, binary as {@code byte[]}, dates as {@link LocalDate}, times as {@link Timestamp},
 * and every timestamp as a {@link DateTimeOffset}: an Arrow timestamp with a zone is the instant at
 * offset {@code +00:00}; one without a zone is its wall-clock value at offset {@code +00:00}, which
 * SQL Server turns into a {@code datetime2} by dropping the offset. That keeps wall-clock values
 * exact whatever the JVM's time zone is. The connection must set
 * {@code sendTemporalDataTypesAsStringForBulkCopy=false} ({@link MssqlDataSource} does).
 *
 * <p>Not thread-safe; one view per bulk copy. The view never closes the reader or the batches.
 */
public final class ArrowBulkData implements ISQLServerBulkData {
    private static final long serialVersionUID = 1L;

    private final transient Iterator<VectorSchemaRoot> batches;
    private final transient BulkValue[] columns;
    private final transient Object[] row;
    private transient int rowCount;
    private transient int next;
    private transient long rowsRead;

    private ArrowBulkData(Schema schema, Iterator<VectorSchemaRoot> batches) {
        this.batches = batches;
        List<Field> fields = schema.getFields();
        this.columns = new BulkValue[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = BulkValue.of(fields.get(i));
        }
        this.row = new Object[columns.length];
    }

    /** A view over every remaining batch of {@code reader}; the reader stays open. */
    public static ArrowBulkData over(ArrowReader reader) {
        requireNonNull(reader, "reader is null");
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            return new ArrowBulkData(root.getSchema(), new Iterator<>() {
                private Boolean loaded;

                @Override
                public boolean hasNext() {
                    if (loaded == null) {
                        try {
                            loaded = reader.loadNextBatch();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    return loaded;
                }

                @Override
                public VectorSchemaRoot next() {
                    hasNext();
                    loaded = null;
                    return root;
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A view over batches held in memory (all of {@code schema}); the batches stay open. */
    public static ArrowBulkData over(Schema schema, List<VectorSchemaRoot> batches) {
        requireNonNull(schema, "schema is null");
        return new ArrowBulkData(schema, List.copyOf(batches).iterator());
    }

    /** Rows handed out so far through {@link #next()}. */
    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public Set<Integer> getColumnOrdinals() {
        Set<Integer> ordinals = new LinkedHashSet<>();
        for (int i = 1; i <= columns.length; i++) {
            ordinals.add(i);
        }
        return ordinals;
    }

    @Override
    public String getColumnName(int column) {
        return columns[column - 1].name;
    }

    @Override
    public int getColumnType(int column) {
        return columns[column - 1].jdbcType;
    }

    @Override
    public int getPrecision(int column) {
        return columns[column - 1].precision;
    }

    @Override
    public int getScale(int column) {
        return columns[column - 1].scale;
    }

    @Override
    public boolean next() throws SQLException {
        while (next >= rowCount) {
            try {
                if (!batches.hasNext()) {
                    return false;
                }
                VectorSchemaRoot root = batches.next();
                for (int i = 0; i < columns.length; i++) {
                    columns[i].bind(root.getVector(i));
                }
                rowCount = root.getRowCount();
                next = 0;
            } catch (RuntimeException e) {
                throw new SQLException("Reading the next Arrow batch failed: " + e.getMessage(), e);
            }
        }
        next++;
        rowsRead++;
        return true;
    }

    @Override
    public Object[] getRowData() throws SQLException {
        int index = next - 1;
        BulkValue[] cs = columns;
        Object[] values = row;
        for (int i = 0; i < cs.length; i++) {
            values[i] = cs[i].get(index);
        }
        return values;
    }
}
