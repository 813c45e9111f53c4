package dev.hygge.mssql;

import dev.hygge.spi.StoreException;
import dev.hygge.schema.SqlFieldMetadata;
import java.sql.Types;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow → SQL Server for the bulk copy: what JDBC type {@link ArrowBulkData} declares for an Arrow
 * field. (SQL Server → Arrow, for reads, is {@link MssqlTypeConverters}.)
 *
 * <pre>{@code
 * MssqlTypes.BulkColumn c = MssqlTypes.bulkColumn(field);   // NVARCHAR, precision from the table
 * }</pre>
 *
 * <p>Time zone policy: a timestamp without a zone is written as its wall-clock value, one with a
 * zone as its instant (see {@link ArrowBulkData}).
 */
public final class MssqlTypes {
    /** Arrow's canonical extension name for UUIDs ({@code FixedSizeBinary(16)}, RFC 4122 byte order). */
    public static final String UUID_EXTENSION = dev.hygge.jdbc.arrow.UuidConsumer.EXTENSION;
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
}
