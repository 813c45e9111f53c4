package dev.hygge.mssql;

import dev.hygge.spi.StoreException;
import dev.hygge.schema.SqlFieldMetadata;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * SQL Server ↔ Arrow types, both ways: what a {@link MssqlHome} reads a column as, and what JDBC
 * type {@link ArrowBulkData} declares to the bulk copy for an Arrow field.
 *
 * <pre>{@code
 * Field f = MssqlTypes.arrowField("email", Types.NVARCHAR, "nvarchar", 320, 0, true);
 * // Utf8 with hygge.sql.length=320, hygge.sql.type=nvarchar
 * MssqlTypes.BulkColumn c = MssqlTypes.bulkColumn(f);   // NVARCHAR, precision from the table
 * }</pre>
 *
 * <p>Time zone policy (both ways): {@code datetime}, {@code smalldatetime} and {@code datetime2}
 * are timestamps without a zone and their wall-clock values pass unchanged; {@code datetimeoffset}
 * is a timestamp with zone {@code UTC}: the instant is kept, the original offset is not.
 */
public final class MssqlTypes {
    /** Arrow's canonical extension name for UUIDs ({@code FixedSizeBinary(16)}, RFC 4122 byte order). */
    public static final String UUID_EXTENSION = "arrow.uuid";
    static final String EXTENSION_NAME = "ARROW:extension:name";
    static final String EXTENSION_METADATA = "ARROW:extension:metadata";

    private MssqlTypes() {}

    /** The JDBC type, precision and scale {@link ArrowBulkData} declares for a column. */
    public record BulkColumn(int jdbcType, int precision, int scale) {}

    /** Whether an Arrow field holds UUIDs: {@code FixedSizeBinary(16)} marked {@code arrow.uuid} or read from a {@code uniqueidentifier}. */
    public static boolean isUuid(Field field) {
        if (!(field.getType() instanceof ArrowType.FixedSizeBinary f) || f.getByteWidth() != 16) {
            return false;
        }
        Map<String, String> metadata = field.getMetadata();
        return UUID_EXTENSION.equals(metadata.get(EXTENSION_NAME))
                || "uniqueidentifier".equalsIgnoreCase(metadata.get(SqlFieldMetadata.TYPE));
    }

    /**
     * The bulk-copy declaration for an Arrow field. Character and binary columns declare no
     * length of their own (0 or 8000) so that the destination column's length decides whether
     * values are streamed ({@code MAX}) or not.
     *
     * @throws StoreException for a type SQL Server cannot hold (a decimal wider than 38 digits)
     */
    public static BulkColumn bulkColumn(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Int -> {
                ArrowType.Int i = (ArrowType.Int) type;
                yield switch (i.getBitWidth()) {
                    case 8 -> new BulkColumn(i.getIsSigned() ? Types.SMALLINT : Types.TINYINT, 0, 0);
                    case 16 -> new BulkColumn(i.getIsSigned() ? Types.SMALLINT : Types.INTEGER, 0, 0);
                    case 32 -> new BulkColumn(i.getIsSigned() ? Types.INTEGER : Types.BIGINT, 0, 0);
                    default -> i.getIsSigned() ? new BulkColumn(Types.BIGINT, 0, 0) : new BulkColumn(Types.DECIMAL, 20, 0);
                };
            }
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                    ? new BulkColumn(Types.DOUBLE, 0, 0) : new BulkColumn(Types.REAL, 0, 0);
            case Decimal -> {
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                if (d.getPrecision() > 38) {
                    throw new StoreException("Column '" + field.getName() + "' is decimal(" + d.getPrecision() + ","
                            + d.getScale() + "), wider than SQL Server's 38 digits; cast it to decimal(38," + Math.min(d.getScale(), 38)
                            + ") or float in the Home");
                }
                yield new BulkColumn(Types.DECIMAL, d.getPrecision(), d.getScale());
            }
            case Bool -> new BulkColumn(Types.BIT, 0, 0);
            case Binary, LargeBinary, BinaryView -> new BulkColumn(Types.VARBINARY, 8000, 0);
            case FixedSizeBinary -> isUuid(field) ? new BulkColumn(Types.CHAR, 36, 0)
                    : new BulkColumn(Types.BINARY, ((ArrowType.FixedSizeBinary) type).getByteWidth(), 0);
            case Date -> new BulkColumn(Types.DATE, 0, 0);
            case Time -> new BulkColumn(Types.TIME, 16, scale(((ArrowType.Time) type).getUnit()));
            case Timestamp -> new BulkColumn(microsoft.sql.Types.DATETIMEOFFSET, 34,
                    scale(((ArrowType.Timestamp) type).getUnit()));
            case Duration -> new BulkColumn(Types.BIGINT, 0, 0);
            default -> new BulkColumn(Types.NVARCHAR, 0, 0);
        };
    }

    /** Fractional-second digits of a unit: 0, 3, 6, or 7 for nanoseconds (SQL Server keeps 100 ns). */
    public static int scale(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 7;
        };
    }

    /** The finest Arrow unit that holds {@code scale} fractional digits. */
    static TimeUnit unit(int scale) {
        if (scale <= 0) {
            return TimeUnit.SECOND;
        }
        return scale <= 3 ? TimeUnit.MILLISECOND : scale <= 6 ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND;
    }

    /**
     * The Arrow field a {@link MssqlHome} reads a result column as, with what SQL Server declared
     * kept in {@link SqlFieldMetadata} keys (length, precision, scale, type name).
     *
     * @param jdbcType {@code ResultSetMetaData.getColumnType}
     * @param typeName {@code ResultSetMetaData.getColumnTypeName} ({@code nvarchar}, {@code money}...)
     * @param precision {@code getPrecision}: characters or bytes for strings and binaries, digits for numbers
     * @param scale {@code getScale}: digits after the point; fractional-second digits for temporal types
     */
    public static Field arrowField(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
        String sqlType = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        Map<String, String> metadata = new HashMap<>();
        if (!sqlType.isEmpty()) {
            metadata.put(SqlFieldMetadata.TYPE, sqlType);
        }
        ArrowType type = arrowType(jdbcType, sqlType, precision, scale, metadata);
        return new Field(name, new FieldType(nullable, type, null, metadata.isEmpty() ? null : metadata), null);
    }

    private static ArrowType arrowType(int jdbcType, String sqlType, int precision, int scale, Map<String, String> metadata) {
        switch (sqlType) {
            case "uniqueidentifier" -> {
                metadata.put(EXTENSION_NAME, UUID_EXTENSION);
                metadata.put(EXTENSION_METADATA, "");
                return new ArrowType.FixedSizeBinary(16);
            }
            case "money" -> {
                putNumber(metadata, 19, 4);
                return new ArrowType.Decimal(19, 4, 128);
            }
            case "smallmoney" -> {
                putNumber(metadata, 10, 4);
                return new ArrowType.Decimal(10, 4, 128);
            }
            case "tinyint" -> {
                return new ArrowType.Int(8, false);
            }
            case "datetime" -> {
                return new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            }
            case "smalldatetime" -> {
                return new ArrowType.Timestamp(TimeUnit.SECOND, null);
            }
            case "datetimeoffset" -> {
                return new ArrowType.Timestamp(unit(scale), "UTC");
            }
            case "xml", "sql_variant", "text", "ntext" -> {
                metadata.put(SqlFieldMetadata.LENGTH, "max");
                return ArrowType.Utf8.INSTANCE;
            }
            case "image", "geometry", "geography", "hierarchyid" -> {
                metadata.put(SqlFieldMetadata.LENGTH, "max");
                return ArrowType.Binary.INSTANCE;
            }
            case "timestamp", "rowversion" -> {
                // SQL Server's timestamp is rowversion (binary(8)); other databases' is a date-time.
                if (jdbcType == Types.BINARY || jdbcType == Types.VARBINARY) {
                    metadata.put(SqlFieldMetadata.LENGTH, "8");
                    return ArrowType.Binary.INSTANCE;
                }
            }
            default -> {
                // By JDBC type below.
            }
        }
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> ArrowType.Bool.INSTANCE;
            case Types.TINYINT -> new ArrowType.Int(8, false);
            case Types.SMALLINT -> new ArrowType.Int(16, true);
            case Types.INTEGER -> new ArrowType.Int(32, true);
            case Types.BIGINT -> new ArrowType.Int(64, true);
            case Types.DECIMAL, Types.NUMERIC -> {
                int p = precision <= 0 || precision > 38 ? 38 : precision;
                int s = Math.max(0, Math.min(scale, p));
                putNumber(metadata, p, s);
                yield new ArrowType.Decimal(p, s, 128);
            }
            case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case Types.FLOAT, Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                TimeUnit unit = unit(timeScale(scale));
                yield new ArrowType.Time(unit, unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64);
            }
            case Types.TIMESTAMP -> new ArrowType.Timestamp(unit(timeScale(scale)), null);
            case Types.TIMESTAMP_WITH_TIMEZONE, microsoft.sql.Types.DATETIMEOFFSET ->
                    new ArrowType.Timestamp(unit(timeScale(scale)), "UTC");
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> {
                putLength(metadata, precision);
                yield ArrowType.Utf8.INSTANCE;
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                putLength(metadata, precision);
                yield ArrowType.Binary.INSTANCE;
            }
            default -> {
                metadata.put(SqlFieldMetadata.LENGTH, "max");
                yield ArrowType.Utf8.INSTANCE;
            }
        };
    }

    /** SQL Server reports datetime2/time/datetimeoffset digits as the scale; other drivers may not. */
    private static int timeScale(int scale) {
        return scale < 0 || scale > 9 ? 7 : scale;
    }

    private static void putNumber(Map<String, String> metadata, int precision, int scale) {
        metadata.put(SqlFieldMetadata.PRECISION, Integer.toString(precision));
        metadata.put(SqlFieldMetadata.SCALE, Integer.toString(scale));
    }

    /** Lengths above 8000 bytes / 4000 characters are the {@code MAX} types (reported as 2^31-1 or -1). */
    private static void putLength(Map<String, String> metadata, int precision) {
        metadata.put(SqlFieldMetadata.LENGTH, precision <= 0 || precision > 8000 ? "max" : Integer.toString(precision));
    }
}
