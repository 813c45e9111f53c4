package dev.hygge.mssql;

import dev.hygge.jdbc.arrow.OffsetDateTimeConsumer;
import dev.hygge.jdbc.arrow.StandardTypes;
import dev.hygge.jdbc.arrow.TimeUnits;
import dev.hygge.jdbc.arrow.TypeConverters;
import dev.hygge.jdbc.arrow.TypeRule;
import dev.hygge.jdbc.arrow.UnsignedTinyIntConsumer;
import dev.hygge.jdbc.arrow.UuidConsumer;
import dev.hygge.schema.SqlFieldMetadata;
import java.util.Map;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How a {@link MssqlHome} reads SQL Server's columns into Arrow: SQL Server's own types first, then
 * hygge-jdbc's standard JDBC types. What the standard rules already read right is not repeated:
 * {@code datetime2(n)} and {@code time(n)} arrive at their {@code n} fractional digits (7: to the
 * 100 ns), {@code rowversion} as {@code binary(8)}, {@code decimal}, {@code float}, {@code real},
 * {@code bit} and the character and binary types as declared.
 *
 * <pre>{@code
 * ResultSetReader.builder(resultSet, allocator).types(MssqlTypeConverters.SET)...build();
 * }</pre>
 *
 * <p>Time zone policy: {@code datetime}, {@code smalldatetime} and {@code datetime2} are timestamps
 * without a zone whose wall-clock values pass unchanged; {@code datetimeoffset} is a timestamp with
 * zone {@code UTC}: the instant is kept, the original offset is not.
 */
final class MssqlTypeConverters {
    /** SQL Server's {@code varchar(n)}/{@code varbinary(n)} go up to 8000; {@code (max)} reports 2^31-1 or 2^30-1. */
    static final int LONGEST_BOUNDED = 8000;
    private static final Map<String, String> UNBOUNDED = Map.of(SqlFieldMetadata.LENGTH, "max");

    /** The converter set of every SQL Server read. */
    static final TypeConverters SET = TypeConverters.standard().with(
            // 0..255: Arrow's adapter reads TINYINT as a signed byte, 200 would arrive as -56.
            TypeRule.named("tinyint").as(new ArrowType.Int(8, false))
                    .readBy((v, c) -> new UnsignedTinyIntConsumer((UInt1Vector) v, c)),
            // Arrow's decimal consumer serves; the rule pins the types' fixed precision and scale.
            TypeRule.named("money").as(new ArrowType.Decimal(19, 4, 128))
                    .declaring(Map.of(SqlFieldMetadata.PRECISION, "19", SqlFieldMetadata.SCALE, "4")),
            TypeRule.named("smallmoney").as(new ArrowType.Decimal(10, 4, 128))
                    .declaring(Map.of(SqlFieldMetadata.PRECISION, "10", SqlFieldMetadata.SCALE, "4")),
            // 1/300 s and whole minutes: milliseconds and seconds hold them, whatever scale the driver reports.
            TypeRule.named("datetime").as(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null))
                    .readBy(StandardTypes.TIMESTAMP.reader()),
            TypeRule.named("smalldatetime").as(new ArrowType.Timestamp(TimeUnit.SECOND, null))
                    .readBy(StandardTypes.TIMESTAMP.reader()),
            // The driver's own type code (-155); Arrow's adapter maps no zoned type.
            TypeRule.jdbc(microsoft.sql.Types.DATETIMEOFFSET).as(c -> new ArrowType.Timestamp(TimeUnits.ofScale(c.scale()), "UTC"))
                    .readBy((v, c) -> new OffsetDateTimeConsumer((TimeStampVector) v, c)),
            // The driver reports CHAR(36); Arrow's adapter would keep the text.
            TypeRule.named("uniqueidentifier").as(new ArrowType.FixedSizeBinary(16)).declaring(UuidConsumer.FIELD_METADATA)
                    .readBy((v, c) -> new UuidConsumer((FixedSizeBinaryVector) v, c)),
            // Text through getString (Arrow's consumer), of no declared length.
            TypeRule.named("xml", "sql_variant", "text", "ntext").as(ArrowType.Utf8.INSTANCE).declaring(UNBOUNDED),
            // Bytes (Arrow's consumer): CLR types and image as their binary form.
            TypeRule.named("image", "geometry", "geography", "hierarchyid").as(ArrowType.Binary.INSTANCE).declaring(UNBOUNDED))
            .lengthsUpTo(LONGEST_BOUNDED);

    private MssqlTypeConverters() {}
}
