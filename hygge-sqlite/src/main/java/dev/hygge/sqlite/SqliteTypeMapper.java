package dev.hygge.sqlite;

import dev.hygge.schema.ColumnProfile;
import dev.hygge.schema.InferenceOptions;
import dev.hygge.schema.SqlFieldMetadata;
import dev.hygge.schema.SqlType;
import dev.hygge.schema.StandardTypeMapper;
import java.math.BigInteger;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * SQLite's declared types for Arrow columns. SQLite stores by type affinity (INTEGER, REAL, TEXT,
 * BLOB, NUMERIC, decided from the declared name), so the names chosen here do two jobs: the
 * affinity that stores the value without loss, and a name a reader (and this plugin's Home) reads
 * the Arrow type back from. See the module README's type table.
 *
 * <pre>{@code
 * int32 → INT4   int64 → BIGINT   float32 → FLOAT4   decimal(10,2) → DECIMAL(10,2)        decimal(30,4) → DECIMAL_TEXT(30,4)
 * utf8 → TEXT (VARCHAR(n) when the source declares n)            timestamp[us] → TIMESTAMP(6), as text
 * }</pre>
 */
public final class SqliteTypeMapper extends StandardTypeMapper {
    /**
     * Digits a NUMERIC-affinity column keeps: SQLite turns a decimal text into a REAL keeping 15
     * significant digits, so wider decimals are declared {@code DECIMAL_TEXT(p,s)} (TEXT affinity).
     */
    static final int EXACT_NUMERIC_DIGITS = 15;
    static final String DECIMAL_TEXT = "DECIMAL_TEXT";
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Set<String> KNOWN = Set.of("INTEGER", "INT", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "INT2",
            "INT4", "INT8", "INT1", "UNSIGNED BIG INT", "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT4", "FLOAT8", "NUMERIC", "DECIMAL",
            DECIMAL_TEXT, "BOOLEAN", "BOOL", "DATE", "DATETIME", "TIMESTAMP", "TIMESTAMPTZ", "TIME", "TEXT", "VARCHAR",
            "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "VARYING CHARACTER", "NATIVE CHARACTER", "CLOB", "BLOB");

    @Override
    protected Set<String> knownTypes() {
        return KNOWN;
    }

    @Override
    protected String doubleType() {
        return "DOUBLE";
    }

    @Override
    public SqlType map(ColumnProfile column, InferenceOptions options) {
        ArrowType type = column.type();
        return switch (type.getTypeID()) {
            case FloatingPoint -> SqlType.of(((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                    ? "DOUBLE" : "FLOAT4", SqlType.Family.FLOAT);
            // SQLite ignores lengths: a length is written only where the source declares one, for the reader
            case Utf8, LargeUtf8, Utf8View -> text(declared(column));
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> binary(SqlType.UNBOUNDED);
            case Time -> SqlType.of(sized("TIME", ((ArrowType.Time) type).getUnit()), SqlType.Family.TIME);
            case Null -> text(SqlType.UNBOUNDED);
            case Interval, Duration, List, LargeList, FixedSizeList, Struct, Map, Union -> unsupported(column);
            default -> super.map(column, options);
        };
    }

    @Override
    protected SqlType integer(ArrowType.Int type, ColumnProfile column) {
        int bits = type.getBitWidth();
        if (!type.getIsSigned()) {
            if (bits == 64) {
                BigInteger max = column.maxInteger();
                return max == null || max.compareTo(LONG_MAX) <= 0 ? SqlType.of("BIGINT", SqlType.Family.INTEGER)
                        : SqlType.of(DECIMAL_TEXT + "(20,0)", SqlType.Family.DECIMAL);
            }
            bits *= 2;
        }
        return SqlType.of(switch (bits) {
            case 8 -> "TINYINT";
            case 16 -> "SMALLINT";
            case 32 -> "INT4";
            default -> "BIGINT";
        }, SqlType.Family.INTEGER);
    }

    @Override
    protected SqlType decimal(ColumnProfile column, int precision, int scale) {
        int p = column.declaredPrecision().orElse(precision);
        int s = column.declaredScale().orElse(scale);
        return SqlType.of((p <= EXACT_NUMERIC_DIGITS ? "DECIMAL" : DECIMAL_TEXT) + "(" + p + "," + s + ")", SqlType.Family.DECIMAL);
    }

    @Override
    protected SqlType timestamp(ArrowType.Timestamp type) {
        return type.getTimezone() == null ? SqlType.of(sized("TIMESTAMP", type.getUnit()), SqlType.Family.TIMESTAMP)
                : SqlType.of(sized("TIMESTAMPTZ", type.getUnit()), SqlType.Family.TIMESTAMP_TZ);
    }

    /** {@code TIMESTAMP(6)}: the fractional digits the stored text has (none for seconds). */
    private static String sized(String name, TimeUnit unit) {
        return unit == TimeUnit.SECOND ? name : name + "(" + TemporalText.digits(unit) + ")";
    }

    @Override
    public SqlType text(int length) {
        return length == SqlType.UNBOUNDED ? SqlType.text("TEXT", SqlType.UNBOUNDED)
                : SqlType.text("VARCHAR(" + length + ")", length);
    }

    @Override
    public SqlType binary(int length) {
        return SqlType.binary("BLOB", SqlType.UNBOUNDED);
    }

    /** Overrides as written; {@code DECIMAL_TEXT(p,s)} is a decimal (its name says TEXT only for the affinity). */
    @Override
    public SqlType parse(String text) {
        SqlType parsed = super.parse(text);
        return isDecimalText(text) ? new SqlType(parsed.ddl(), SqlType.Family.DECIMAL, SqlType.UNBOUNDED) : parsed;
    }

    static boolean isDecimalText(String typeName) {
        return typeName.strip().toUpperCase(Locale.ROOT).startsWith(DECIMAL_TEXT);
    }

    /** The length the source declares for a string column, or unbounded. */
    private static int declared(ColumnProfile column) {
        OptionalInt length = column.declaredLength();
        return length.isPresent() && length.getAsInt() > 0 && length.getAsInt() != SqlFieldMetadata.UNBOUNDED
                ? length.getAsInt() : SqlType.UNBOUNDED;
    }
}
