package dev.hygge.mysql;

import dev.hygge.jdbc.arrow.StandardTypes;
import dev.hygge.jdbc.arrow.TimeUnits;
import dev.hygge.jdbc.arrow.TypeConverters;
import dev.hygge.jdbc.arrow.TypeRule;
import dev.hygge.schema.SqlFieldMetadata;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How a {@link MysqlHome} reads MySQL's and MariaDB's columns into Arrow: their own types first,
 * then hygge-jdbc's standard JDBC types, which already read {@code DATETIME(n)} (a timestamp
 * without zone, wall clock unchanged), {@code TIME(n)}, {@code DATE}, {@code DECIMAL(p,s)},
 * {@code FLOAT}/{@code DOUBLE}, {@code BIT(1)}/{@code BOOLEAN}, the signed integers, and
 * {@code VARCHAR(n)} with its length in characters (utf8mb4 or not) kept in the field metadata.
 *
 * <table>
 *   <caption>MySQL → Arrow (what differs from the standard JDBC rules)</caption>
 *   <tr><td>TINYINT / SMALLINT / MEDIUMINT / INT UNSIGNED</td><td>int16 / int32 / int32 / int64: the next signed width
 *       holds every value</td></tr>
 *   <tr><td>BIGINT UNSIGNED</td><td>decimal(20,0), declared {@code BIGINT UNSIGNED} (the mysql Store writes it back as
 *       that type); decimal rather than uint64 because every Store and file format holds a decimal, and it compares and
 *       sums as a number everywhere</td></tr>
 *   <tr><td>TIMESTAMP(n)</td><td>timestamp(unit of n, UTC): the session runs at time_zone +00:00, so the value read is the
 *       instant in UTC</td></tr>
 *   <tr><td>BIT(n), n &gt; 1</td><td>the bits as an unsigned number, declared {@code BIT(n)}: int64 for n ≤ 63,
 *       decimal(20,0) for n = 64 ({@link BitColumns})</td></tr>
 *   <tr><td>JSON, ENUM, SET, TEXT types</td><td>utf8 (standard rules; the declared type name JSON is kept)</td></tr>
 *   <tr><td>YEAR</td><td>int16 (the connection reads YEAR as a number)</td></tr>
 * </table>
 */
final class MysqlTypeConverters {
    /** utf8mb4's longest VARCHAR is 16,383 characters; TEXT types report their byte limits: declared "max". */
    static final int LONGEST_BOUNDED = 16_383;

    static final TypeConverters SET = TypeConverters.standard().with(
            TypeRule.named("TINYINT UNSIGNED").as(new ArrowType.Int(16, true)),
            TypeRule.named("SMALLINT UNSIGNED", "MEDIUMINT UNSIGNED").as(new ArrowType.Int(32, true)),
            TypeRule.named("INT UNSIGNED", "INTEGER UNSIGNED").as(new ArrowType.Int(64, true)),
            TypeRule.named("BIGINT UNSIGNED").as(new ArrowType.Decimal(20, 0, 128))
                    .declaring(Map.of(SqlFieldMetadata.PRECISION, "20", SqlFieldMetadata.SCALE, "0")),
            TypeRule.named("TIMESTAMP").as(c -> new ArrowType.Timestamp(TimeUnits.ofScale(c.scale()), "UTC"))
                    .readBy(StandardTypes.TIMESTAMP.reader()),
            new BitColumns(),
            TypeRule.named("YEAR").as(new ArrowType.Int(16, true)))
            .lengthsUpTo(LONGEST_BOUNDED);

    private MysqlTypeConverters() {}
}
