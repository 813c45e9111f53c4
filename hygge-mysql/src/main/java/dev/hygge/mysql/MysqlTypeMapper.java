package dev.hygge.mysql;

import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.StandardTypeMapper;
import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arrow columns to MySQL / MariaDB types for tables hygge creates.
 *
 * <pre>{@code
 * new MysqlTypeMapper().map(profile, options);   // a string column, longest 40 characters: VARCHAR(60)
 * }</pre>
 *
 * <table>
 *   <caption>Arrow → MySQL</caption>
 *   <tr><td>bool</td><td>BOOLEAN (TINYINT(1))</td></tr>
 *   <tr><td>int8 / int16 / int32 / int64</td><td>TINYINT / SMALLINT / INT / BIGINT</td></tr>
 *   <tr><td>uint8 / uint16 / uint32 / uint64</td><td>TINYINT / SMALLINT / INT / BIGINT UNSIGNED</td></tr>
 *   <tr><td>decimal(20,0) the source declared BIGINT UNSIGNED</td><td>BIGINT UNSIGNED (what the mysql Home reads it as)</td></tr>
 *   <tr><td>an integer the source declared INT/SMALLINT/TINYINT/MEDIUMINT UNSIGNED</td><td>that type</td></tr>
 *   <tr><td>an integer or decimal(20,0) the source declared BIT(n)</td><td>BIT(n) (what the mysql Home reads BIT(n), n &gt; 1, as;
 *       the loader writes it through {@code CAST(… AS UNSIGNED)})</td></tr>
 *   <tr><td>float32 / float64</td><td>FLOAT / DOUBLE</td></tr>
 *   <tr><td>decimal(p,s), p ≤ 65, s ≤ 30</td><td>DECIMAL(p,s)</td></tr>
 *   <tr><td>utf8</td><td>VARCHAR(n) sized by the shared rule (declared length wins) up to {@value #MAX_VARCHAR}
 *       characters, LONGTEXT above (a row holds 65,535 bytes of VARCHAR at most, 4 bytes a utf8mb4 character);
 *       JSON where the source declared JSON</td></tr>
 *   <tr><td>binary</td><td>VARBINARY(n) up to {@value #MAX_VARBINARY} bytes, LONGBLOB above</td></tr>
 *   <tr><td>fixed_size_binary(n)</td><td>BINARY(n) up to 255, else as binary</td></tr>
 *   <tr><td>date</td><td>DATE</td></tr>
 *   <tr><td>time(unit)</td><td>TIME(0|3|6): MySQL keeps microseconds at most</td></tr>
 *   <tr><td>timestamp(unit) / timestamp(unit, zone)</td><td>DATETIME(0|3|6) / TIMESTAMP(0|3|6), the instant in UTC
 *       (sessions run at time_zone +00:00); TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC, beyond that
 *       give the column DATETIME(6) in schema_overrides</td></tr>
 *   <tr><td>duration</td><td>BIGINT (count of the unit)</td></tr>
 *   <tr><td>list, struct, map</td><td>JSON</td></tr>
 *   <tr><td>null</td><td>VARCHAR(min_varchar)</td></tr>
 * </table>
 */
public class MysqlTypeMapper extends StandardTypeMapper {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlTypeMapper.class);
    /** The longest VARCHAR(n) hygge declares; longer text is LONGTEXT. */
    public static final int MAX_VARCHAR = 1024;
    /** The longest VARBINARY(n) hygge declares; longer is LONGBLOB. */
    public static final int MAX_VARBINARY = 4096;
    private static final Set<String> KNOWN = Set.of("BOOLEAN", "BOOL", "BIT", "TINYINT", "SMALLINT", "MEDIUMINT", "INT",
            "INTEGER", "BIGINT", "TINYINT UNSIGNED", "SMALLINT UNSIGNED", "MEDIUMINT UNSIGNED", "INT UNSIGNED",
            "INTEGER UNSIGNED", "BIGINT UNSIGNED", "DECIMAL", "NUMERIC", "FLOAT", "DOUBLE", "DOUBLE PRECISION", "REAL",
            "CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "BINARY", "VARBINARY", "TINYBLOB", "BLOB",
            "MEDIUMBLOB", "LONGBLOB", "DATE", "TIME", "DATETIME", "TIMESTAMP", "YEAR", "JSON");
    private static final Set<String> UNSIGNED = Set.of("tinyint unsigned", "smallint unsigned", "mediumint unsigned",
            "int unsigned", "integer unsigned", "bigint unsigned");

    @Override
    public SqlType map(ColumnProfile column, InferenceOptions options) {
        ArrowType type = column.type();
        String declared = column.declaredType() == null ? "" : column.declaredType().toLowerCase(Locale.ROOT);
        OptionalInt bits = BitColumns.width(declared);
        if (bits.isPresent() && bits.getAsInt() <= 64 && holdsBits(type)) {
            return SqlType.of("BIT(" + bits.getAsInt() + ")", SqlType.Family.INTEGER);
        }
        return switch (type.getTypeID()) {
            case Bool -> SqlType.of("BOOLEAN", SqlType.Family.BOOLEAN);
            case Int -> UNSIGNED.contains(declared) ? SqlType.of(declared.toUpperCase(Locale.ROOT), SqlType.Family.INTEGER)
                    : integer((ArrowType.Int) type, column);
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                    ? SqlType.of("DOUBLE", SqlType.Family.FLOAT) : SqlType.of("FLOAT", SqlType.Family.FLOAT);
            case Decimal -> {
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                if (declared.equals("bigint unsigned") && d.getScale() == 0 && d.getPrecision() == 20) {
                    yield SqlType.of("BIGINT UNSIGNED", SqlType.Family.INTEGER);
                }
                yield decimal(column, d.getPrecision(), d.getScale());
            }
            case Utf8, LargeUtf8, Utf8View -> declared.equals("json") ? SqlType.of("JSON", SqlType.Family.OTHER)
                    : text(length(column, options));
            case Binary, LargeBinary, BinaryView -> binary(length(column, options));
            case FixedSizeBinary -> {
                int width = ((ArrowType.FixedSizeBinary) type).getByteWidth();
                yield width <= 255 ? SqlType.binary("BINARY(" + width + ")", width) : binary(width);
            }
            case Date -> SqlType.of("DATE", SqlType.Family.DATE);
            case Time -> SqlType.of("TIME(" + digits(((ArrowType.Time) type).getUnit()) + ")", SqlType.Family.TIME);
            case Timestamp -> timestamp((ArrowType.Timestamp) type);
            case Duration -> SqlType.of("BIGINT", SqlType.Family.INTEGER);
            case Null -> text(options.minVarchar);
            case List, LargeList, FixedSizeList, Struct, Map, ListView, LargeListView -> SqlType.of("JSON", SqlType.Family.OTHER);
            default -> {
                LOG.warn("Column '{}' has Arrow type {}, which has no MySQL counterpart: it is stored as LONGTEXT;"
                        + " give it a type in schema_overrides to change that", column.name(), type);
                yield text(SqlType.UNBOUNDED);
            }
        };
    }

    /** Whether a column of {@code type} the source declared BIT(n) goes back as BIT(n): an integer or decimal(≤20,0). */
    private static boolean holdsBits(ArrowType type) {
        return type instanceof ArrowType.Int || type instanceof ArrowType.Decimal d && d.getScale() == 0 && d.getPrecision() <= 20;
    }

    /** Fractional-second digits MySQL keeps for a unit: 0, 3 or 6 (nanoseconds are kept to the microsecond only if whole). */
    static int digits(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND, NANOSECOND -> 6;
        };
    }

    @Override
    protected SqlType integer(ArrowType.Int type, ColumnProfile column) {
        String name = switch (type.getBitWidth()) {
            case 8 -> "TINYINT";
            case 16 -> "SMALLINT";
            case 32 -> "INT";
            default -> "BIGINT";
        };
        return SqlType.of(type.getIsSigned() ? name : name + " UNSIGNED", SqlType.Family.INTEGER);
    }

    @Override
    protected SqlType decimal(ColumnProfile column, int precision, int scale) {
        int p = column.declaredPrecision().orElse(precision);
        int s = column.declaredScale().orElse(scale);
        if (p > 65 || s > 30) {
            throw new StoreException("Column '" + column.name() + "' is decimal(" + p + "," + s + "), wider than MySQL's"
                    + " DECIMAL(65,30); give it a type in schema_overrides (e.g. " + column.name() + ": DOUBLE) or cast it in the Home");
        }
        return SqlType.of("DECIMAL(" + p + "," + s + ")", SqlType.Family.DECIMAL);
    }

    @Override
    protected SqlType timestamp(ArrowType.Timestamp type) {
        int digits = digits(type.getUnit());
        return type.getTimezone() == null ? SqlType.of("DATETIME(" + digits + ")", SqlType.Family.TIMESTAMP)
                : SqlType.of("TIMESTAMP(" + digits + ")", SqlType.Family.TIMESTAMP_TZ);
    }

    @Override
    public SqlType text(int length) {
        return length == SqlType.UNBOUNDED || length > MAX_VARCHAR ? SqlType.text("LONGTEXT", SqlType.UNBOUNDED)
                : SqlType.text("VARCHAR(" + length + ")", length);
    }

    @Override
    public SqlType binary(int length) {
        return length == SqlType.UNBOUNDED || length > MAX_VARBINARY ? SqlType.binary("LONGBLOB", SqlType.UNBOUNDED)
                : SqlType.binary("VARBINARY(" + length + ")", length);
    }

    @Override
    protected Set<String> knownTypes() {
        return KNOWN;
    }

    @Override
    public SqlType parse(String text) {
        SqlType type = super.parse(text);
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("VARCHAR") && type.length() > 16_383) {
            throw new ConfigException("'" + text + "' is longer than a utf8mb4 VARCHAR holds (16383 characters); write LONGTEXT");
        }
        if (name.endsWith("TEXT")) {
            return SqlType.text(text.trim(), SqlType.UNBOUNDED);
        }
        return type;
    }
}
