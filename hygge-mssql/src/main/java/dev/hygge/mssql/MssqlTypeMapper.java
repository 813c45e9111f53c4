package dev.hygge.mssql;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.StandardTypeMapper;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arrow columns to T-SQL types for tables hygge creates in SQL Server.
 *
 * <pre>{@code
 * new MssqlTypeMapper().map(profile, options);   // a string column, longest 40 characters: NVARCHAR(60)
 * }</pre>
 *
 * <table>
 *   <caption>Arrow → SQL Server</caption>
 *   <tr><td>bool</td><td>BIT</td></tr>
 *   <tr><td>int8 / uint8 / int16 / uint16 / int32 / uint32 / int64</td><td>SMALLINT / TINYINT / SMALLINT / INT / INT / BIGINT / BIGINT</td></tr>
 *   <tr><td>uint64</td><td>DECIMAL(20,0)</td></tr>
 *   <tr><td>float16, float32 / float64</td><td>REAL / FLOAT</td></tr>
 *   <tr><td>decimal(p,s), p ≤ 38</td><td>DECIMAL(p,s) (MONEY / SMALLMONEY when the source declared them)</td></tr>
 *   <tr><td>utf8, large_utf8</td><td>NVARCHAR(n) sized by the shared rule (declared length wins), NVARCHAR(MAX) above 4000</td></tr>
 *   <tr><td>binary, large_binary</td><td>VARBINARY(n), VARBINARY(MAX) above 8000</td></tr>
 *   <tr><td>fixed_size_binary(16) marked arrow.uuid / fixed_size_binary(n)</td><td>UNIQUEIDENTIFIER / BINARY(n)</td></tr>
 *   <tr><td>date32, date64</td><td>DATE</td></tr>
 *   <tr><td>time(unit)</td><td>TIME(0|3|6|7)</td></tr>
 *   <tr><td>timestamp(unit) / timestamp(unit, zone)</td><td>DATETIME2(0|3|6|7) / DATETIMEOFFSET(0|3|6|7)</td></tr>
 *   <tr><td>duration</td><td>BIGINT (count of the unit)</td></tr>
 *   <tr><td>list, struct, map</td><td>NVARCHAR(MAX) holding JSON</td></tr>
 *   <tr><td>null</td><td>NVARCHAR(min_varchar)</td></tr>
 *   <tr><td>anything else</td><td>NVARCHAR(MAX), with a warning</td></tr>
 * </table>
 */
public class MssqlTypeMapper extends StandardTypeMapper {
    private static final Logger LOG = LoggerFactory.getLogger(MssqlTypeMapper.class);
    /** The longest NVARCHAR(n) / VARBINARY(n) before MAX. */
    public static final int MAX_NVARCHAR = 4000;
    public static final int MAX_VARBINARY = 8000;
    private static final Set<String> KNOWN = Set.of("BIT", "TINYINT", "SMALLINT", "INT", "BIGINT", "DECIMAL", "NUMERIC",
            "MONEY", "SMALLMONEY", "REAL", "FLOAT", "DATE", "TIME", "DATETIME", "DATETIME2", "SMALLDATETIME",
            "DATETIMEOFFSET", "CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "TEXT", "NTEXT", "BINARY", "VARBINARY", "IMAGE",
            "UNIQUEIDENTIFIER", "XML", "SQL_VARIANT", "HIERARCHYID", "GEOMETRY", "GEOGRAPHY", "JSON");

    @Override
    public SqlType map(ColumnProfile column, InferenceOptions options) {
        ArrowType type = column.type();
        String declared = column.declaredType() == null ? "" : column.declaredType().toLowerCase(Locale.ROOT);
        return switch (type.getTypeID()) {
            case Bool -> SqlType.of("BIT", SqlType.Family.BOOLEAN);
            case Int -> integer((ArrowType.Int) type, column);
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                    ? SqlType.of("FLOAT", SqlType.Family.FLOAT) : SqlType.of("REAL", SqlType.Family.FLOAT);
            case Decimal -> {
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                if (declared.equals("money") && d.getPrecision() == 19 && d.getScale() == 4) {
                    yield SqlType.of("MONEY", SqlType.Family.DECIMAL);
                }
                if (declared.equals("smallmoney") && d.getPrecision() == 10 && d.getScale() == 4) {
                    yield SqlType.of("SMALLMONEY", SqlType.Family.DECIMAL);
                }
                yield decimal(column, d.getPrecision(), d.getScale());
            }
            case Utf8, LargeUtf8, Utf8View -> text(length(column, options));
            case Binary, LargeBinary, BinaryView -> binary(length(column, options));
            case FixedSizeBinary -> {
                int width = ((ArrowType.FixedSizeBinary) type).getByteWidth();
                if (MssqlTypes.isUuid(column.field())) {
                    yield SqlType.of("UNIQUEIDENTIFIER", SqlType.Family.OTHER);
                }
                yield width <= MAX_VARBINARY ? SqlType.binary("BINARY(" + width + ")", width) : binary(SqlType.UNBOUNDED);
            }
            case Date -> SqlType.of("DATE", SqlType.Family.DATE);
            case Time -> SqlType.of("TIME(" + MssqlTypes.scale(((ArrowType.Time) type).getUnit()) + ")", SqlType.Family.TIME);
            case Timestamp -> timestamp((ArrowType.Timestamp) type);
            case Duration -> SqlType.of("BIGINT", SqlType.Family.INTEGER);
            case Null -> text(options.minVarchar);
            case List, LargeList, FixedSizeList, Struct, Map, ListView, LargeListView -> text(SqlType.UNBOUNDED);
            default -> {
                LOG.warn("Column '{}' has Arrow type {}, which has no SQL Server counterpart: it is stored as NVARCHAR(MAX)"
                        + " text; give it a type in schema_overrides to change that", column.name(), type);
                yield text(SqlType.UNBOUNDED);
            }
        };
    }

    @Override
    protected SqlType integer(ArrowType.Int type, ColumnProfile column) {
        int bits = type.getBitWidth();
        if (!type.getIsSigned()) {
            return switch (bits) {
                case 8 -> SqlType.of("TINYINT", SqlType.Family.INTEGER);
                case 16 -> SqlType.of("INT", SqlType.Family.INTEGER);
                case 32 -> SqlType.of("BIGINT", SqlType.Family.INTEGER);
                default -> SqlType.of("DECIMAL(20,0)", SqlType.Family.DECIMAL);
            };
        }
        return SqlType.of(bits <= 16 ? "SMALLINT" : bits <= 32 ? "INT" : "BIGINT", SqlType.Family.INTEGER);
    }

    @Override
    protected SqlType decimal(ColumnProfile column, int precision, int scale) {
        int p = column.declaredPrecision().orElse(precision);
        int s = column.declaredScale().orElse(scale);
        if (p > 38) {
            throw new StoreException("Column '" + column.name() + "' is decimal(" + p + "," + s + "), wider than SQL Server's"
                    + " 38 digits; give it a type in schema_overrides (e.g. " + column.name() + ": FLOAT) or cast it in the Home");
        }
        return SqlType.of("DECIMAL(" + p + "," + s + ")", SqlType.Family.DECIMAL);
    }

    @Override
    protected SqlType timestamp(ArrowType.Timestamp type) {
        int scale = MssqlTypes.scale(type.getUnit());
        return type.getTimezone() == null ? SqlType.of("DATETIME2(" + scale + ")", SqlType.Family.TIMESTAMP)
                : SqlType.of("DATETIMEOFFSET(" + scale + ")", SqlType.Family.TIMESTAMP_TZ);
    }

    @Override
    public SqlType text(int length) {
        return length == SqlType.UNBOUNDED || length > MAX_NVARCHAR ? SqlType.text("NVARCHAR(MAX)", SqlType.UNBOUNDED)
                : SqlType.text("NVARCHAR(" + length + ")", length);
    }

    @Override
    public SqlType binary(int length) {
        return length == SqlType.UNBOUNDED || length > MAX_VARBINARY ? SqlType.binary("VARBINARY(MAX)", SqlType.UNBOUNDED)
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
        int limit = name.startsWith("NVARCHAR") || name.startsWith("NCHAR") ? MAX_NVARCHAR
                : name.startsWith("VARCHAR") || name.startsWith("CHAR") || name.startsWith("VARBINARY")
                        || name.startsWith("BINARY") ? MAX_VARBINARY : Integer.MAX_VALUE;
        if (type.length() > limit) {
            throw new ConfigException("'" + text + "' is longer than SQL Server allows (" + limit + "); write "
                    + name.substring(0, name.indexOf('(')).trim() + "(MAX)");
        }
        if (name.startsWith("TEXT") || name.startsWith("NTEXT") || name.startsWith("IMAGE")) {
            LOG.warn("Type '{}' is deprecated in SQL Server and cannot be in a columnstore; prefer N/VARCHAR(MAX) or VARBINARY(MAX)", text);
        }
        return type;
    }
}
