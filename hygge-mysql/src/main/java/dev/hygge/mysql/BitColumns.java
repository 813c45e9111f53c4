package dev.hygge.mysql;

import dev.hygge.jdbc.arrow.ColumnConverter;
import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.schema.SqlFieldMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.adapter.jdbc.consumer.BaseConsumer;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code BIT(n)} with {@code n > 1}, read as the bits' unsigned number and declared {@code BIT(n)}
 * (field metadata {@code sql.type}), so the mysql Store creates {@code BIT(n)} again:
 * <ul>
 *   <li>n ≤ 63: int64, every value fits;</li>
 *   <li>n = 64: decimal(20,0), as {@code BIGINT UNSIGNED} is: {@code b'1…1'} is 18446744073709551615,
 *       which int64 would read as -1.</li>
 * </ul>
 * {@code BIT(1)} stays boolean (the standard JDBC rule).
 *
 * <pre>{@code
 * TypeConverters.standard().with(new BitColumns());
 * }</pre>
 */
final class BitColumns implements ColumnConverter {
    /** The widest BIT whose values all fit int64. */
    static final int WIDEST_SIGNED = 63;
    private static final Pattern DECLARED = Pattern.compile("bit\\((\\d+)\\)");

    @Override
    public boolean accepts(JdbcColumn column) {
        return column.isNamed("BIT") && column.precision() > 1;
    }

    @Override
    public ArrowType arrowType(JdbcColumn column) {
        return column.precision() <= WIDEST_SIGNED ? new ArrowType.Int(64, true) : new ArrowType.Decimal(20, 0, 128);
    }

    @Override
    public Map<String, String> declare(JdbcColumn column) {
        String type = "BIT(" + column.precision() + ")";
        return column.precision() <= WIDEST_SIGNED ? Map.of(SqlFieldMetadata.TYPE, type)
                : Map.of(SqlFieldMetadata.TYPE, type, SqlFieldMetadata.PRECISION, "20", SqlFieldMetadata.SCALE, "0");
    }

    /** Arrow's own reads int64 ({@code getLong}); the 64-bit ones are read from their bytes. */
    @Override
    public JdbcConsumer<?> consumer(JdbcColumn column, FieldVector vector) {
        return column.precision() <= WIDEST_SIGNED ? null : new Unsigned64((DecimalVector) vector, column.index());
    }

    /** n of a declared {@code BIT(n)} (any case), if {@code declared} is one. */
    static OptionalInt width(String declared) {
        if (declared == null) {
            return OptionalInt.empty();
        }
        Matcher m = DECLARED.matcher(declared.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A BIT(64) value as the unsigned number of its big-endian bytes. */
    private static final class Unsigned64 extends BaseConsumer<DecimalVector> {
        Unsigned64(DecimalVector vector, int column) {
            super(vector, column);
        }

        @Override
        public void consume(ResultSet resultSet) throws SQLException {
            byte[] bits = resultSet.getBytes(columnIndexInResultSet);
            if (bits != null) {
                vector.setSafe(currentIndex, new BigDecimal(new BigInteger(1, bits)));
            }
            currentIndex++;
        }
    }
}
