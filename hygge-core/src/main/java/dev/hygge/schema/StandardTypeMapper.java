package dev.hygge.schema;

import dev.hygge.spi.ConfigException;
import dev.hygge.spi.StoreException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Standard SQL types, spelled as PostgreSQL spells them: {@code SMALLINT}, {@code INTEGER},
 * {@code BIGINT}, {@code NUMERIC(p,s)}, {@code VARCHAR(n)} / {@code TEXT}, {@code BYTEA},
 * {@code TIMESTAMP [WITH TIME ZONE]}. Dialects extend it and override what they spell
 * differently.
 *
 * <pre>{@code
 * TypeMapper mapper = new StandardTypeMapper();
 * mapper.map(profile, new InferenceOptions());   // a string column whose longest value has 40 characters: VARCHAR(60)
 * }</pre>
 */
public class StandardTypeMapper implements TypeMapper {
    private static final Pattern TYPE = Pattern.compile(
            "(?i)^\\s*([a-z][a-z0-9_]*(?:\\s+[a-z][a-z0-9_]*)*)\\s*(?:\\(\\s*(\\d+|max)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(\\[\\])?\\s*$");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Set<String> KNOWN = Set.of("SMALLINT", "INTEGER", "INT", "BIGINT", "INT2", "INT4", "INT8",
            "NUMERIC", "DECIMAL", "REAL", "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE PRECISION", "BOOLEAN", "BOOL",
            "VARCHAR", "CHARACTER VARYING", "CHAR", "CHARACTER", "TEXT", "BYTEA", "DATE", "TIME", "TIMESTAMP",
            "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITHOUT TIME ZONE", "TIME WITH TIME ZONE",
            "TIME WITHOUT TIME ZONE", "INTERVAL", "UUID", "JSON", "JSONB");

    @Override
    public SqlType map(ColumnProfile column, InferenceOptions options) {
        ArrowType type = column.type();
        return switch (type.getTypeID()) {
            case Bool -> SqlType.of("BOOLEAN", SqlType.Family.BOOLEAN);
            case Int -> integer((ArrowType.Int) type, column);
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                    ? SqlType.of(doubleType(), SqlType.Family.FLOAT) : SqlType.of("REAL", SqlType.Family.FLOAT);
            case Decimal -> decimal(column, ((ArrowType.Decimal) type).getPrecision(), ((ArrowType.Decimal) type).getScale());
            case Utf8, LargeUtf8, Utf8View -> text(length(column, options));
            case Binary, LargeBinary, BinaryView -> binary(length(column, options));
            case FixedSizeBinary -> binary(((ArrowType.FixedSizeBinary) type).getByteWidth());
            case Date -> SqlType.of("DATE", SqlType.Family.DATE);
            case Time -> SqlType.of("TIME", SqlType.Family.TIME);
            case Timestamp -> timestamp((ArrowType.Timestamp) type);
            case Interval, Duration -> SqlType.of("INTERVAL", SqlType.Family.OTHER);
            case Null -> text(options.minVarchar);
            default -> unsupported(column);
        };
    }

    /** The type names {@link #parse} accepts, upper case, without length or precision. */
    protected Set<String> knownTypes() {
        return KNOWN;
    }

    /** How this dialect spells an 8-byte float. */
    protected String doubleType() {
        return "DOUBLE PRECISION";
    }

    /** Integers keep their width; unsigned ones take the next wider signed type, uint64 by its sampled range. */
    protected SqlType integer(ArrowType.Int type, ColumnProfile column) {
        int bits = type.getBitWidth();
        if (!type.getIsSigned()) {
            if (bits == 64) {
                BigInteger max = column.maxInteger();
                return max == null || max.compareTo(LONG_MAX) <= 0 ? SqlType.of("BIGINT", SqlType.Family.INTEGER)
                        : SqlType.of("NUMERIC(20,0)", SqlType.Family.DECIMAL);
            }
            bits *= 2;
        }
        return SqlType.of(bits <= 16 ? "SMALLINT" : bits <= 32 ? "INTEGER" : "BIGINT", SqlType.Family.INTEGER);
    }

    protected SqlType decimal(ColumnProfile column, int precision, int scale) {
        int p = column.declaredPrecision().orElse(precision);
        int s = column.declaredScale().orElse(scale);
        return SqlType.of("NUMERIC(" + p + "," + s + ")", SqlType.Family.DECIMAL);
    }

    protected SqlType timestamp(ArrowType.Timestamp type) {
        return type.getTimezone() == null ? SqlType.of("TIMESTAMP", SqlType.Family.TIMESTAMP)
                : SqlType.of("TIMESTAMP WITH TIME ZONE", SqlType.Family.TIMESTAMP_TZ);
    }

    @Override
    public SqlType text(int length) {
        return length == SqlType.UNBOUNDED ? SqlType.text("TEXT", SqlType.UNBOUNDED)
                : SqlType.text("VARCHAR(" + length + ")", length);
    }

    @Override
    public SqlType binary(int length) {
        return SqlType.binary("BYTEA", SqlType.UNBOUNDED);
    }

    /**
     * The length for a string or binary column: the declared one if the field has one, else
     * {@link InferenceOptions#varcharLength} of the longest sampled value.
     */
    protected static int length(ColumnProfile column, InferenceOptions options) {
        OptionalInt declared = column.declaredLength();
        if (declared.isPresent()) {
            return declared.getAsInt() == SqlFieldMetadata.UNBOUNDED || declared.getAsInt() <= 0
                    ? SqlType.UNBOUNDED : declared.getAsInt();
        }
        return options.varcharLength(Math.max(0, column.maxLength())).orElse(SqlType.UNBOUNDED);
    }

    protected SqlType unsupported(ColumnProfile column) {
        throw new StoreException("Column '" + column.name() + "' has Arrow type " + column.type()
                + ", which " + getClass().getSimpleName() + " cannot map to a column; give it a type in"
                + " schema_overrides (e.g. " + column.name() + ": TEXT) or leave it out of the source");
    }

    @Override
    public SqlType parse(String text) {
        Matcher m = TYPE.matcher(text);
        if (!m.matches()) {
            throw new ConfigException("'" + text + "' is not a type; write a name with an optional (length) or"
                    + " (precision,scale), e.g. VARCHAR(100)");
        }
        String name = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (m.group(4) == null && !knownTypes().contains(name)) {
            throw new ConfigException("unknown type '" + m.group(1) + "'; known types: " + new TreeSet<>(knownTypes()));
        }
        SqlType.Family family = m.group(4) != null ? SqlType.Family.OTHER : SqlType.Family.of(name);
        String size = m.group(2);
        int length = SqlType.UNBOUNDED;
        if (size != null && (family == SqlType.Family.TEXT || family == SqlType.Family.BINARY)
                && !size.equalsIgnoreCase("max")) {
            long n = Long.parseLong(size);
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new ConfigException("'" + text + "' has length " + size + "; give 1 or more");
            }
            length = (int) n;
        }
        return new SqlType(text.trim(), family, length);
    }
}
