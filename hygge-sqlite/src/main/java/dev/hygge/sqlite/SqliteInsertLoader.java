package dev.hygge.sqlite;

import static java.util.stream.Collectors.joining;

import dev.hygge.jdbc.BulkLoader;
import dev.hygge.jdbc.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * SQLite's fast path for rows: one prepared {@code INSERT … VALUES (?, …)} bound straight from the
 * Arrow vectors, {@code executeBatch} every {@code batchRows} rows, all of one load in a single
 * transaction (in auto-commit each row would be a transaction of its own, and SQLite syncs the
 * file at every commit). A failure rolls the load back: none of its rows stay.
 *
 * <p>Values as the module README's type table says: integers and booleans as INTEGER, floats as
 * REAL, decimals as their plain text (a NUMERIC column keeps it as a number when that is exact),
 * text as TEXT, binaries as BLOB, dates, times and timestamps as fixed-width ISO text ({@link TemporalText}).
 *
 * <pre>{@code
 * TableWriter.builder(dialect).loader(new SqliteInsertLoader(dialect, 10_000))...
 * }</pre>
 */
final class SqliteInsertLoader implements BulkLoader {
    private final SqliteDialect dialect;
    private final int batchRows;

    SqliteInsertLoader(SqliteDialect dialect, int batchRows) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
        }
        this.dialect = dialect;
        this.batchRows = batchRows;
    }

    @Override
    public long load(Connection connection, TableName table, List<String> columns, ArrowReader batches) throws SQLException {
        String sql = "INSERT INTO " + dialect.qualify(table) + " (" + dialect.columnList(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(joining(", ")) + ")";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        boolean done = false;
        long rows = 0;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            while (batches.loadNextBatch()) {
                VectorSchemaRoot root = batches.getVectorSchemaRoot();
                List<FieldVector> vectors = root.getFieldVectors();
                int count = root.getRowCount();
                for (int r = 0; r < count; r++) {
                    for (int c = 0; c < vectors.size(); c++) {
                        bind(insert, c + 1, vectors.get(c), r);
                    }
                    insert.addBatch();
                    if (++pending == batchRows) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                rows += count;
            }
            if (pending > 0) {
                insert.executeBatch();
            }
            connection.commit();
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!done) {
                connection.rollback();
            }
            connection.setAutoCommit(autoCommit);
        }
        return rows;
    }

    /** Binds row {@code r} of {@code vector} to parameter {@code p}. */
    static void bind(PreparedStatement st, int p, FieldVector vector, int r) throws SQLException {
        if (vector.isNull(r)) {
            st.setNull(p, java.sql.Types.NULL);
            return;
        }
        ArrowType type = vector.getField().getType();
        switch (type.getTypeID()) {
            case Int -> {
                if (vector instanceof UInt8Vector u) {
                    BigInteger value = UInt8Vector.getNoOverflow(u.getDataBuffer(), r);
                    if (value.bitLength() < 64) {
                        st.setLong(p, value.longValue());
                    } else {
                        st.setString(p, value.toString());
                    }
                } else {
                    st.setLong(p, ((BaseIntVector) vector).getValueAsLong(r));
                }
            }
            case Bool -> st.setInt(p, ((BitVector) vector).get(r));
            case FloatingPoint -> st.setDouble(p, vector instanceof Float4Vector f ? f.get(r) : ((Float8Vector) vector).get(r));
            case Decimal -> st.setString(p, ((BigDecimal) vector.getObject(r)).toPlainString());
            case Utf8, LargeUtf8, Utf8View -> st.setString(p, vector.getObject(r).toString());
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> st.setBytes(p, (byte[]) vector.getObject(r));
            case Date -> st.setString(p, TemporalText.date(vector instanceof DateDayVector d ? d.get(r)
                    : (int) Math.floorDiv(((DateMilliVector) vector).get(r), 86_400_000L)));
            case Time -> {
                ArrowType.Time time = (ArrowType.Time) type;
                long nanos = switch (time.getUnit()) {
                    case SECOND -> ((TimeSecVector) vector).get(r) * 1_000_000_000L;
                    case MILLISECOND -> ((TimeMilliVector) vector).get(r) * 1_000_000L;
                    case MICROSECOND -> ((TimeMicroVector) vector).get(r) * 1_000L;
                    case NANOSECOND -> ((TimeNanoVector) vector).get(r);
                };
                st.setString(p, TemporalText.time(nanos, time.getUnit()));
            }
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                st.setString(p, TemporalText.timestamp(((TimeStampVector) vector).get(r), ts.getUnit(), ts.getTimezone() != null));
            }
            default -> throw new IllegalArgumentException("column '" + vector.getName() + "' has Arrow type " + type
                    + ", which the sqlite Store does not write; give it a type in schema_overrides or leave it out");
        }
    }
}
