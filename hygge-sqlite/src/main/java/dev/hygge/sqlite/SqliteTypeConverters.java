package dev.hygge.sqlite;

import dev.hygge.jdbc.arrow.JdbcColumn;
import dev.hygge.jdbc.arrow.StandardTypes;
import dev.hygge.jdbc.arrow.TimeUnits;
import dev.hygge.jdbc.arrow.TypeConverters;
import dev.hygge.jdbc.arrow.TypeRule;
import dev.hygge.schema.SqlFieldMetadata;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How a {@link SqliteHome} reads SQLite columns into Arrow: by the declared type name (the SQLite
 * driver reports it without its parentheses, and the numbers in them as precision and scale), so
 * what the sqlite Store wrote reads back as it was written (see the module README's type table).
 * An expression's column has no declared type; the driver names the storage class of its first
 * value ({@code INTEGER}, {@code FLOAT}, {@code TEXT}, {@code BLOB}).
 *
 * <pre>{@code
 * ResultSetReader.builder(resultSet, allocator).types(SqliteTypeConverters.SET)...build();
 * }</pre>
 *
 * <p>SQLite keeps any value in any column. {@code INTEGER}, {@code INT}, {@code BIGINT} read as
 * int64 (SQLite's integers are 64-bit); the narrower names the Store writes ({@code TINYINT},
 * {@code SMALLINT}, {@code INT4}) read at their width and fail on a value that does not fit,
 * naming the column, rather than truncate it. Texts that do not parse as the declared date, time,
 * timestamp or decimal fail the same way ({@link TextValueConsumer}).
 */
final class SqliteTypeConverters {
    private static final Map<String, String> UNBOUNDED = Map.of(SqlFieldMetadata.LENGTH, "max");

    static final TypeConverters SET = TypeConverters.standard().with(
            TypeRule.named("BOOLEAN", "BOOL").as(ArrowType.Bool.INSTANCE),
            TypeRule.named("TINYINT", "INT1").as(new ArrowType.Int(8, true)).readBy((v, c) -> integer((TinyIntVector) v, c, 8)),
            TypeRule.named("SMALLINT", "INT2").as(new ArrowType.Int(16, true)).readBy((v, c) -> integer((SmallIntVector) v, c, 16)),
            TypeRule.named("INT4", "MEDIUMINT").as(new ArrowType.Int(32, true)).readBy((v, c) -> integer((IntVector) v, c, 32)),
            TypeRule.named("INTEGER", "INT", "BIGINT", "INT8", "UNSIGNED BIG INT").as(new ArrowType.Int(64, true))
                    .readBy((v, c) -> integer((BigIntVector) v, c, 64)),
            TypeRule.named("FLOAT4").as(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            TypeRule.named("REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8").as(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            // a precision declared: exact decimals from the stored text; none: the number's text, exactly
            TypeRule.named("DECIMAL", "NUMERIC", SqliteTypeMapper.DECIMAL_TEXT).as(c -> c.precision() > 0
                            ? new ArrowType.Decimal(c.precision(), Math.max(0, Math.min(c.scale(), c.precision())), 128)
                            : ArrowType.Utf8.INSTANCE)
                    .readBy(SqliteTypeConverters::decimalOrText),
            TypeRule.named("DATE").as(new ArrowType.Date(DateUnit.DAY)).readBy((v, c) -> new TextValueConsumer<>((DateDayVector) v,
                    c, "a date", (vector, i, text) -> vector.setSafe(i, (int) TemporalText.localDate(text).toEpochDay()))),
            TypeRule.named("TIME").as(c -> StandardTypes.time(unit(c))).readBy(SqliteTypeConverters::time),
            TypeRule.named("TIMESTAMP", "DATETIME").as(c -> new ArrowType.Timestamp(unit(c), null))
                    .readBy((v, c) -> new TextValueConsumer<>((TimeStampVector) v, c, "a timestamp", (vector, i, text) -> {
                        LocalDateTime t = TemporalText.wallClock(text);
                        vector.setSafe(i, TimeUnits.value(t.toEpochSecond(ZoneOffset.UTC), t.getNano(), unitOf(vector)));
                    })),
            TypeRule.named("TIMESTAMPTZ").as(c -> new ArrowType.Timestamp(unit(c), "UTC"))
                    .readBy((v, c) -> new TextValueConsumer<>((TimeStampVector) v, c, "a timestamp", (vector, i, text) -> {
                        Instant t = TemporalText.instant(text);
                        vector.setSafe(i, TimeUnits.value(t.getEpochSecond(), t.getNano(), unitOf(vector)));
                    })),
            TypeRule.named("TEXT", "CLOB").as(ArrowType.Utf8.INSTANCE).declaring(UNBOUNDED),
            TypeRule.named("BLOB").as(ArrowType.Binary.INSTANCE).declaring(UNBOUNDED));

    private SqliteTypeConverters() {}

    /** The unit of the declared fractional digits ({@code TIMESTAMP(3)}: milliseconds); microseconds when none are declared. */
    static TimeUnit unit(JdbcColumn column) {
        return switch (column.precision()) {
            case 3 -> TimeUnit.MILLISECOND;
            case 6 -> TimeUnit.MICROSECOND;
            case 9 -> TimeUnit.NANOSECOND;
            default -> TimeUnit.MICROSECOND;
        };
    }

    private static TimeUnit unitOf(TimeStampVector vector) {
        return ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
    }

    /** An integer set at the vector's width, or an error naming the column when it does not fit. */
    private static IntegerConsumer integer(BaseIntVector vector, int column, int bits) {
        return new IntegerConsumer(vector, column, bits);
    }

    private static org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer<?> decimalOrText(org.apache.arrow.vector.FieldVector vector, int column) {
        if (!(vector instanceof DecimalVector decimals)) {
            return null;
        }
        int scale = decimals.getScale();
        return new TextValueConsumer<>(decimals, column, "a decimal of scale " + scale,
                (v, i, text) -> v.setSafe(i, new BigDecimal(text.strip()).setScale(scale, RoundingMode.UNNECESSARY)));
    }

    private static org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer<?> time(org.apache.arrow.vector.FieldVector vector, int column) {
        return new TextValueConsumer<>((BaseFixedWidthVector) vector, column, "a time of day", (v, i, text) -> {
            long nanos = TemporalText.localTime(text).toNanoOfDay();
            if (v instanceof TimeMilliVector t) {
                t.setSafe(i, (int) (nanos / 1_000_000L));
            } else if (v instanceof TimeMicroVector t) {
                t.setSafe(i, nanos / 1_000L);
            } else if (v instanceof TimeNanoVector t) {
                t.setSafe(i, nanos);
            } else {
                ((TimeSecVector) v).setSafe(i, (int) (nanos / 1_000_000_000L));
            }
        });
    }
}
