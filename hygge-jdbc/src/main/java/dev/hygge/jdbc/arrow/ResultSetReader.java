package dev.hygge.jdbc.arrow;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Transfers;
import java.io.IOException;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A JDBC {@link ResultSet} read as Arrow batches through Arrow's JDBC adapter, each column typed and
 * consumed by a database's {@link TypeConverters} (the JDBC standard ones unless told), with what the
 * database declared about it in the field metadata.
 *
 * <pre>{@code
 * try (ArrowReader reader = ResultSetReader.builder(statement.executeQuery(sql), allocator)
 *         .batchRows(100_000).types(sqlServerTypes).where("mssql warehouse table dbo.users")
 *         .closing(statement, connection).build()) {
 *     while (reader.loadNextBatch()) { ... reader.getVectorSchemaRoot() ... }
 * }
 * }</pre>
 *
 * <p>Closing the reader closes the result set, then what {@code closing} names, in that order.
 */
public final class ResultSetReader extends ArrowReader {
    private final ResultSet resultSet;
    private final ArrowVectorIterator iterator;
    private final Schema schema;
    private final String where;
    private final List<AutoCloseable> resources;

    private ResultSetReader(Builder builder, Schema schema, ArrowVectorIterator iterator) {
        super(builder.allocator);
        this.resultSet = builder.resultSet;
        this.schema = schema;
        this.iterator = iterator;
        this.where = builder.where;
        this.resources = List.copyOf(builder.resources);
    }

    /** Reads {@code resultSet} in batches of {@code batchRows} rows with the standard types, then closes {@code resources}. */
    public static ResultSetReader of(ResultSet resultSet, BufferAllocator allocator, int batchRows,
                                     AutoCloseable... resources) throws SQLException {
        return builder(resultSet, allocator).batchRows(batchRows).closing(resources).build();
    }

    public static Builder builder(ResultSet resultSet, BufferAllocator allocator) {
        return new Builder(resultSet, allocator);
    }

    /** Settings of one read; {@link #build()} reads the result set's metadata and fixes every column's type. */
    public static final class Builder {
        private final ResultSet resultSet;
        private final BufferAllocator allocator;
        private int batchRows = 100_000;
        private TypeConverters types = TypeConverters.standard();
        private String where = "the result set";
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Builder(ResultSet resultSet, BufferAllocator allocator) {
            this.resultSet = requireNonNull(resultSet, "resultSet is null");
            this.allocator = requireNonNull(allocator, "allocator is null");
        }

        /** Rows per batch (default 100,000). */
        public Builder batchRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batchRows must be at least 1: " + rows);
            }
            this.batchRows = rows;
            return this;
        }

        /** The database's converter set (default {@link TypeConverters#standard()}). */
        public Builder types(TypeConverters converters) {
            this.types = requireNonNull(converters, "converters is null");
            return this;
        }

        /** What is read, for messages ({@code mssql warehouse table dbo.users}). */
        public Builder where(String describe) {
            this.where = requireNonNull(describe, "describe is null");
            return this;
        }

        /** Closed after the result set when the reader closes, in this order (its statement, its connection). */
        public Builder closing(AutoCloseable... closeables) {
            resources.addAll(List.of(closeables));
            return this;
        }

        public ResultSetReader build() throws SQLException {
            ResultSetMetaData metadata = resultSet.getMetaData();
            JdbcColumn[] columns = new JdbcColumn[metadata.getColumnCount()];
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = JdbcColumn.of(metadata, i + 1);
                fields.add(types.field(columns[i]));
            }
            TypeConverters converters = types;
            JdbcToArrowConfig config = new JdbcToArrowConfigBuilder(allocator, JdbcToArrowUtils.getUtcCalendar())
                    .setTargetBatchSize(batchRows)
                    .setReuseVectorSchemaRoot(false)
                    .setBigDecimalRoundingMode(RoundingMode.UNNECESSARY) // a value that does not fit fails, never rounds
                    .setJdbcToArrowTypeConverter(info -> fields.get(info.getColumn() - 1).getType())
                    .setJdbcConsumerGetter((type, column, nullable, vector, cfg) ->
                            converters.consumer(columns[column - 1], vector, cfg))
                    .build();
            checkConsumers(columns, fields, config);
            try {
                return new ResultSetReader(this, new Schema(fields), JdbcToArrow.sqlToArrowVectorIterator(resultSet, config));
            } catch (java.io.IOException | RuntimeException e) {
                throw new SQLException(where + ": reading the result set as Arrow failed: " + message(e), e);
            }
        }
    }

    /**
     * Makes each column's consumer once over a throwaway vector, so that a converter set that cannot
     * read a column fails here, naming it, rather than inside the adapter's first batch (which would
     * leave that batch's buffers allocated).
     */
    private static void checkConsumers(JdbcColumn[] columns, List<Field> fields, JdbcToArrowConfig config) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            try (FieldVector probe = fields.get(i).createVector(config.getAllocator())) {
                config.getJdbcConsumerGetter().apply(probe.getField().getType(), i + 1, columns[i].nullable(), probe, config);
            } catch (IllegalStateException e) {
                throw new SQLException("column '" + columns[i].name() + "': " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        while (iterator.hasNext()) {
            VectorSchemaRoot batch;
            try {
                batch = iterator.next();
            } catch (RuntimeException e) {
                throw new IOException(where + ": reading the result set failed: " + message(e), e);
            }
            if (batch.getRowCount() == 0) {
                batch.close(); // the adapter's last batch when the rows ended on a batch boundary
                continue;
            }
            Transfers.moveInto(batch, getVectorSchemaRoot());
            return true;
        }
        return false;
    }

    /** The driver's or consumer's own message: the adapter wraps it in "Error occurred while ...". */
    static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        iterator.close();
        List<Exception> failures = new ArrayList<>();
        close(resultSet, failures);
        for (AutoCloseable resource : resources) {
            close(resource, failures);
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException(where + ": closing the result set failed: " + failures.get(0).getMessage(),
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void close(AutoCloseable closeable, List<Exception> failures) {
        try {
            closeable.close();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
