package dev.hygge.jdbc.arrow;

import static java.util.Objects.requireNonNull;

import dev.hygge.spi.Transfers;
import dev.hygge.schema.SqlFieldMetadata;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A JDBC {@link ResultSet} read as Arrow batches through Arrow's JDBC adapter, with what the
 * database declared about each column kept in field metadata ({@link SqlFieldMetadata}: type
 * name, length of character and binary columns, precision and scale of decimals), so schema
 * inference downstream keeps declared lengths instead of guessing.
 *
 * <pre>{@code
 * try (Statement st = connection.createStatement();
 *      ArrowReader reader = ResultSetReader.of(st.executeQuery("SELECT * FROM dbo.users"), allocator, 100_000)) {
 *     while (reader.loadNextBatch()) { ... reader.getVectorSchemaRoot() ... }
 * }
 * }</pre>
 *
 * <p>Timestamps are read in UTC. Closing the reader closes the result set and any extra
 * resources given (statement, connection).
 */
public final class ResultSetReader extends ArrowReader {
    private final ResultSet resultSet;
    private final ArrowVectorIterator iterator;
    private final Schema schema;
    private final AutoCloseable[] resources;

    private ResultSetReader(BufferAllocator allocator, ResultSet resultSet, ArrowVectorIterator iterator, Schema schema,
                            AutoCloseable[] resources) {
        super(allocator);
        this.resultSet = resultSet;
        this.iterator = iterator;
        this.schema = schema;
        this.resources = resources;
    }

    /**
     * Reads {@code resultSet} in batches of {@code batchRows} rows.
     *
     * @param resources closed after the result set when the reader closes (its statement, its connection)
     */
    public static ResultSetReader of(ResultSet resultSet, BufferAllocator allocator, int batchRows,
                                     AutoCloseable... resources) throws SQLException {
        requireNonNull(resultSet, "resultSet is null");
        requireNonNull(allocator, "allocator is null");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
        }
        JdbcToArrowConfig config = new JdbcToArrowConfigBuilder(allocator, Calendar.getInstance(TimeZone.getTimeZone("UTC")))
                .setTargetBatchSize(batchRows)
                .setReuseVectorSchemaRoot(false)
                .setBigDecimalRoundingMode(java.math.RoundingMode.UNNECESSARY)
                .build();
        Schema schema = withDeclarations(JdbcToArrowUtils.jdbcToArrowSchema(resultSet.getMetaData(), config),
                resultSet.getMetaData());
        try {
            return new ResultSetReader(allocator, resultSet, JdbcToArrow.sqlToArrowVectorIterator(resultSet, config), schema,
                    resources);
        } catch (IOException e) {
            throw new SQLException("reading the result set as Arrow failed: " + e.getMessage(), e);
        }
    }

    /** The adapter's schema with each column's declared type, length, precision and scale in its metadata. */
    static Schema withDeclarations(Schema schema, ResultSetMetaData metadata) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < schema.getFields().size(); i++) {
            Field field = schema.getFields().get(i);
            int column = i + 1;
            Map<String, String> declared = new HashMap<>();
            if (field.getMetadata() != null) {
                declared.putAll(field.getMetadata());
            }
            declared.put(SqlFieldMetadata.TYPE, metadata.getColumnTypeName(column));
            int precision = metadata.getPrecision(column);
            switch (metadata.getColumnType(column)) {
                case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.BINARY, Types.VARBINARY ->
                    declared.put(SqlFieldMetadata.LENGTH, precision <= 0 || precision == Integer.MAX_VALUE
                            ? "max" : Integer.toString(precision));
                case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.LONGVARBINARY, Types.CLOB, Types.NCLOB, Types.BLOB ->
                    declared.put(SqlFieldMetadata.LENGTH, "max");
                case Types.DECIMAL, Types.NUMERIC -> {
                    if (precision > 0) {
                        declared.put(SqlFieldMetadata.PRECISION, Integer.toString(precision));
                        declared.put(SqlFieldMetadata.SCALE, Integer.toString(metadata.getScale(column)));
                    }
                }
                default -> { }
            }
            FieldType type = new FieldType(field.isNullable(), field.getType(), field.getDictionary(), declared);
            fields.add(new Field(field.getName(), type, field.getChildren()));
        }
        return new Schema(fields, schema.getCustomMetadata());
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (!iterator.hasNext()) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        try {
            Transfers.moveInto(iterator.next(), root);
        } catch (RuntimeException e) {
            throw new IOException("reading the result set failed: " + e.getMessage(), e);
        }
        return true;
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
            throw new IOException("closing the result set failed: " + failures.get(0).getMessage(), failures.get(0));
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
