package dev.hygge.jdbc.arrow;

import dev.hygge.schema.SqlFieldMetadata;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The JDBC standard types, as every database's converter set starts from them. Where Arrow's JDBC
 * adapter reads a type right its consumer is used (no {@code readBy}); where it does not, the rule
 * says why and names the consumer that does.
 *
 * <table>
 *   <caption>JDBC type → Arrow type (consumer)</caption>
 *   <tr><td>BIT, BOOLEAN</td><td>Bool (Arrow's)</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td>Int 8/16/32/64 signed (Arrow's)</td></tr>
 *   <tr><td>DECIMAL, NUMERIC</td><td>Decimal(p, s), 256 bits above 38 digits (Arrow's, never rounding)</td></tr>
 *   <tr><td>REAL / FLOAT, DOUBLE</td><td>single / double (Arrow's; Arrow's own type mapping makes FLOAT single,
 *       but JDBC's FLOAT is double precision)</td></tr>
 *   <tr><td>CHAR ... LONGNVARCHAR, CLOB, NCLOB</td><td>Utf8 (Arrow's)</td></tr>
 *   <tr><td>BINARY, VARBINARY, LONGVARBINARY, BLOB</td><td>Binary (Arrow's)</td></tr>
 *   <tr><td>DATE</td><td>Date(DAY) ({@link LocalDateConsumer})</td></tr>
 *   <tr><td>TIME</td><td>Time in the unit of the scale ({@link LocalTimeConsumer})</td></tr>
 *   <tr><td>TIMESTAMP</td><td>Timestamp(unit of the scale, no zone) ({@link LocalDateTimeConsumer})</td></tr>
 *   <tr><td>TIMESTAMP_WITH_TIMEZONE</td><td>Timestamp(unit of the scale, UTC) ({@link OffsetDateTimeConsumer})</td></tr>
 *   <tr><td>NULL</td><td>Null (Arrow's)</td></tr>
 *   <tr><td>anything else</td><td>Utf8 through {@code getString}, length max ({@link #TEXT})</td></tr>
 * </table>
 */
public final class StandardTypes {
    private StandardTypes() {}

    /** The rule for a column no other rule reads: its text ({@code getString}), of unknown length. */
    public static final TypeRule TEXT = new TypeRule("any other type", c -> true, c -> ArrowType.Utf8.INSTANCE,
            Map.of(SqlFieldMetadata.LENGTH, "max"), null);

    /** Date: Arrow's own reads through a Calendar (see {@link LocalDateConsumer}). */
    public static final TypeRule DATE = TypeRule.jdbc(Types.DATE).as(new ArrowType.Date(DateUnit.DAY))
            .readBy((v, c) -> new LocalDateConsumer((DateDayVector) v, c));

    /** Time of day at the column's fractional digits: Arrow's own keeps milliseconds only. */
    public static final TypeRule TIME = TypeRule.jdbc(Types.TIME, Types.TIME_WITH_TIMEZONE).as(c -> time(TimeUnits.ofScale(c.scale())))
            .readBy((v, c) -> new LocalTimeConsumer((BaseFixedWidthVector) v, c));

    /** Wall-clock timestamps at the column's fractional digits: Arrow's own keeps milliseconds and applies a zone. */
    public static final TypeRule TIMESTAMP = TypeRule.jdbc(Types.TIMESTAMP)
            .as(c -> new ArrowType.Timestamp(TimeUnits.ofScale(c.scale()), null))
            .readBy((v, c) -> new LocalDateTimeConsumer((TimeStampVector) v, c));

    /** Instants: Arrow's adapter maps no zoned type. */
    public static final TypeRule TIMESTAMP_WITH_TIMEZONE = TypeRule.jdbc(Types.TIMESTAMP_WITH_TIMEZONE)
            .as(c -> new ArrowType.Timestamp(TimeUnits.ofScale(c.scale()), "UTC"))
            .readBy((v, c) -> new OffsetDateTimeConsumer((TimeStampVector) v, c));

    /** Every standard rule, in the order they are tried; {@link #TEXT} comes after all of them. */
    public static final List<ColumnConverter> RULES = List.of(
            TypeRule.jdbc(Types.BIT, Types.BOOLEAN).as(ArrowType.Bool.INSTANCE),
            TypeRule.jdbc(Types.TINYINT).as(new ArrowType.Int(8, true)),
            TypeRule.jdbc(Types.SMALLINT).as(new ArrowType.Int(16, true)),
            TypeRule.jdbc(Types.INTEGER).as(new ArrowType.Int(32, true)),
            TypeRule.jdbc(Types.BIGINT).as(new ArrowType.Int(64, true)),
            TypeRule.jdbc(Types.DECIMAL, Types.NUMERIC).as(StandardTypes::decimal),
            TypeRule.jdbc(Types.REAL).as(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            TypeRule.jdbc(Types.FLOAT, Types.DOUBLE).as(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            TypeRule.jdbc(Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB).as(ArrowType.Utf8.INSTANCE),
            TypeRule.jdbc(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB).as(ArrowType.Binary.INSTANCE),
            DATE, TIME, TIMESTAMP, TIMESTAMP_WITH_TIMEZONE,
            TypeRule.jdbc(Types.NULL).as(ArrowType.Null.INSTANCE));

    /** The Arrow time type of a unit: 32 bits for seconds and milliseconds, 64 for finer. */
    public static ArrowType.Time time(TimeUnit unit) {
        return new ArrowType.Time(unit, unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64);
    }

    /**
     * Decimal(p, s) as declared, 256 bits above 38 digits; a precision the driver does not report
     * (0, or past Arrow's 76) reads as Decimal(38, s), and a value that does not fit fails rather than
     * being rounded.
     */
    static ArrowType decimal(JdbcColumn column) {
        int p = column.precision();
        if (p < 1 || p > 76) {
            return new ArrowType.Decimal(38, Math.max(0, Math.min(column.scale(), 38)), 128);
        }
        return new ArrowType.Decimal(p, Math.max(0, Math.min(column.scale(), p)), p > 38 ? 256 : 128);
    }
}
